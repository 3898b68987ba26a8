package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.multiprocessing.internal.broker.MethodFailure;
import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.Registration;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * The proxy of an object of a registered type ({@link Manager#create}). Python: the
 * {@code AutoProxy} a {@code BaseManager} returns for {@code register(typeid, callable)}. A
 * {@link Proxy} implementing the registered interface: every call, default methods included, is one
 * round trip running that method on the object in the manager (arguments and results travel
 * serialized, as copies). {@code toString} is asked of the object too; {@code equals} and
 * {@code hashCode} compare proxies: two proxies are equal when they reach the same object.
 *
 * <p>What the method throws in the manager is thrown here as its own class (its stack trace the
 * manager's, with where it was received as a suppressed exception), or as a {@link RemoteException}
 * when it cannot be rebuilt; a checked exception the interface method does not declare arrives
 * wrapped in an {@link UndeclaredThrowableException}. A call interrupted here is cancelled in the
 * manager: a method declaring {@link InterruptedException} throws it, any other throws
 * {@link dev.pyconcurrent.ThreadInterruptedException}.
 */
final class ManagedProxy implements InvocationHandler, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its manager's address and the object's id there. */
    private final RemoteRef ref;
    /** The type id it was made as, for {@link #toString()}. */
    private final String typeid;

    private ManagedProxy(RemoteRef ref, String typeid) {
        this.ref = ref;
        this.typeid = typeid;
    }

    /**
     * Makes a proxy of {@code type} for the object at {@code ref}; it is also {@link Serializable}.
     *
     * @param <T>    the interface
     * @param type   the interface
     * @param ref    where the object lives
     * @param typeid its type id
     * @return the proxy
     */
    static <T> T of(Class<T> type, RemoteRef ref, String typeid) {
        Class<?>[] interfaces = Serializable.class.isAssignableFrom(type)
                ? new Class<?>[] {type} : new Class<?>[] {type, Serializable.class};
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ManagedProxy.class.getClassLoader();
        return type.cast(Proxy.newProxyInstance(loader, interfaces, new ManagedProxy(ref, typeid)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int n = args == null ? 0 : args.length;
        if (n == 1 && name.equals("equals") && method.getParameterTypes()[0] == Object.class) {
            Object other = args[0];
            return other != null && Proxy.isProxyClass(other.getClass())
                    && Proxy.getInvocationHandler(other) instanceof ManagedProxy h && h.ref.equals(ref);
        }
        if (n == 0 && name.equals("hashCode")) {
            return ref.hashCode();
        }
        if (n + 1 > 127) {
            throw new IllegalArgumentException("a call to a manager's object takes at most 126 arguments, "
                    + method.getName() + " got " + n);
        }
        Object[] wire = new Object[n + 1];
        wire[0] = Registration.methodKey(method);
        if (n > 0) {
            System.arraycopy(args, 0, wire, 1, n);
        }
        Object r = ref.call(Op.CALL_METHOD, wire);
        if (r instanceof MethodFailure f) {
            throw thrown(f.rebuild(ref.socket()), method);
        }
        return r;
    }

    /** What the proxy throws for an exception of the manager's object (see the class comment). */
    private static Throwable thrown(Throwable t, Method method) {
        if (t instanceof InterruptedException ie) {
            if (declares(method, InterruptedException.class)) {
                Thread.interrupted(); // a method throwing InterruptedException clears the flag
                return ie;
            }
            return Interrupts.rethrow(ie);
        }
        if (t instanceof RuntimeException || t instanceof Error || declares(method, t.getClass())) {
            return t;
        }
        return new UndeclaredThrowableException(t, "the manager's object threw " + t.getClass().getName()
                + ", which " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + " does not declare");
    }

    private static boolean declares(Method m, Class<?> c) {
        for (Class<?> e : m.getExceptionTypes()) {
            if (e.isAssignableFrom(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ManagedProxy[" + typeid + ", " + ref + "]";
    }
}
