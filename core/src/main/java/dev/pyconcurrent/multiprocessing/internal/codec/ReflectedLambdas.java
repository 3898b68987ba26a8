package dev.pyconcurrent.multiprocessing.internal.codec;

import dev.pyconcurrent.function.SerializableBiFunction;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.function.SerializableRunnable;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * A task's lambda rebuilt on JDK 17 without {@code LambdaMetafactory}: an object of the task's function type
 * that calls the lambda's body (the static synthetic method {@code javac} wrote for it) by reflection. A fresh
 * worker JVM spent 5–10 ms of its first task starting {@code java.lang.invoke} and spinning the lambda's
 * class; a reflective call costs it 0.2 ms (JDK 17 calls through a native accessor; from JDK 18 on,
 * reflection itself stands on method handles, so there the lambda is rebuilt as Java serialization would).
 *
 * <p>Only what {@code $deserializeLambda$} of the capturing class would rebuild qualifies, so this opens
 * no method that a serialized lambda could not reach anyway: a lambda of one of the library's task types
 * ({@link SerializableCallable}, {@link SerializableRunnable}, {@link SerializableFunction},
 * {@link SerializableBiFunction}) whose body is a static synthetic method of the class that wrote it, a
 * class with serializable lambdas of its own ({@code $deserializeLambda$}). Anything else (a method
 * reference, a lambda capturing {@code this}, another interface) goes through {@link Lambdas}.
 *
 * <p>The object behaves as the lambda: its method runs the body with the captured values, a {@code null}
 * for a primitive parameter throws {@link NullPointerException}, an argument of the wrong type
 * {@link ClassCastException}, what the body throws is thrown unwrapped (without the reflective call's
 * frames: a lambda's own frame is hidden too), and it serializes as the lambda it stands for ({@code writeReplace}, and {@link Lambdas#serializedForm} for this codec). Its class and
 * {@code toString} are its own. {@code -Dpyconcurrent.reflectedLambdas=false} turns this off.
 */
final class ReflectedLambdas {
    private ReflectedLambdas() {
    }

    /** Whether lambdas are rebuilt here: JDK 17 (earlier ones do not run this library), unless turned off. */
    static final boolean ENABLED = "17".equals(System.getProperty("java.specification.version"))
            && !"false".equals(System.getProperty("pyconcurrent.reflectedLambdas"));

    /**
     * The body of a lambda shape, if it qualifies (see the class comment); found once per shape.
     *
     * @param capturing the class that wrote the lambda
     * @param parts     the parts of its serialized form, as {@link DescriptorTable.Lambda} keeps them
     * @return the body, accessible, or null
     */
    static Method body(Class<?> capturing, List<String> parts) {
        if (!ENABLED || !supported(parts.get(1)) || Integer.parseInt(parts.get(4)) != MethodHandleInfo.REF_invokeStatic
                || !parts.get(5).equals(capturing.getName().replace('.', '/'))) {
            return null;
        }
        try {
            boolean serializableLambdas = false;
            Method body = null;
            for (Method m : capturing.getDeclaredMethods()) {
                if (m.getName().equals("$deserializeLambda$") && Modifier.isStatic(m.getModifiers())) {
                    serializableLambdas = true;
                } else if (m.getName().equals(parts.get(6)) && descriptor(m).equals(parts.get(7))) {
                    body = m;
                }
            }
            if (!serializableLambdas || body == null || !body.isSynthetic() || !Modifier.isStatic(body.getModifiers())) {
                return null;
            }
            body.setAccessible(true);
            return body;
        } catch (RuntimeException | LinkageError closedOrMissing) {
            return null;   // a module that does not open the class, a class that cannot be linked: Lambdas
        }
    }

    private static boolean supported(String functionalInterface) {
        switch (functionalInterface) {
            case "dev/pyconcurrent/function/SerializableCallable":
            case "dev/pyconcurrent/function/SerializableRunnable":
            case "dev/pyconcurrent/function/SerializableFunction":
            case "dev/pyconcurrent/function/SerializableBiFunction":
                return true;
            default:
                return false;
        }
    }

    private static String descriptor(Method m) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            d.append(p.descriptorString());
        }
        return d.append(')').append(m.getReturnType().descriptorString()).toString();
    }

    /**
     * The lambda of {@code form}, calling {@code body}.
     *
     * @param body what {@link #body} found for its shape
     * @param form its serialized form, captured values included
     * @return the lambda
     * @throws IllegalStateException if the captured values do not fit the body
     */
    static Object rebuild(Method body, SerializedLambda form) {
        int arity;
        Reflected r;
        switch (form.getFunctionalInterfaceClass()) {
            case "dev/pyconcurrent/function/SerializableCallable" -> {
                r = new ReflectedCallable(body, form);
                arity = 0;
            }
            case "dev/pyconcurrent/function/SerializableRunnable" -> {
                r = new ReflectedRunnable(body, form);
                arity = 0;
            }
            case "dev/pyconcurrent/function/SerializableFunction" -> {
                r = new ReflectedFunction(body, form);
                arity = 1;
            }
            default -> {
                r = new ReflectedBiFunction(body, form);
                arity = 2;
            }
        }
        if (body.getParameterCount() != form.getCapturedArgCount() + arity) {
            throw new IllegalStateException("protocol error: a lambda of " + body.getDeclaringClass().getName()
                    + " with " + form.getCapturedArgCount() + " captured values for a body of "
                    + body.getParameterCount() + " parameters");
        }
        return r;
    }

    /** What every rebuilt lambda is: its body, its captured values, its serialized form. */
    abstract static class Reflected implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Method body;
        /** The lambda it stands for; what it serializes as. */
        final SerializedLambda form;

        Reflected(Method body, SerializedLambda form) {
            this.body = body;
            this.form = form;
        }

        /** Runs the body with the captured values and {@code args}; throws what it throws. */
        final Object invoke(Object... args) throws Exception {
            int n = form.getCapturedArgCount();
            Object[] all = new Object[n + args.length];
            for (int i = 0; i < n; i++) {
                all[i] = form.getCapturedArg(i);
            }
            System.arraycopy(args, 0, all, n, args.length);
            Class<?>[] types = body.getParameterTypes();
            for (int i = 0; i < all.length; i++) {
                if (all[i] == null && types[i].isPrimitive()) {
                    throw new NullPointerException("a null argument for a " + types[i] + " parameter");
                }
            }
            try {
                return body.invoke(null, all);
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                hideCallFrames(t);
                if (t instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) t;   // a method can throw nothing else
            } catch (IllegalArgumentException wrongType) {
                throw new ClassCastException("an argument does not fit " + body.getDeclaringClass().getName() + "."
                        + body.getName() + ": " + wrongType.getMessage());
            } catch (IllegalAccessException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        /** Runs the body where the function type declares no checked exception (javac let the body throw none). */
        final Object invokeUnchecked(Object... args) {
            try {
                return invoke(args);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception sneaky) {
                throw ReflectedLambdas.<RuntimeException>sneak(sneaky);
            }
        }

        /** Java serialization writes the lambda this stands for (not private: the subclasses inherit it). */
        final Object writeReplace() {
            return form;
        }
    }

    /**
     * Takes the reflective call's frames out of what the body threw, so its stack reads as a lambda's (whose
     * class the JVM hides from stack traces): the body, then who called the lambda.
     */
    static void hideCallFrames(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        java.util.List<StackTraceElement> kept = new java.util.ArrayList<>(frames.length);
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (!c.startsWith("jdk.internal.reflect.") && !c.equals("java.lang.reflect.Method")
                    && !c.startsWith(ReflectedLambdas.class.getName() + "$")) {
                kept.add(f);
            }
        }
        if (kept.size() < frames.length) {
            t.setStackTrace(kept.toArray(new StackTraceElement[0]));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneak(Throwable t) throws T {
        throw (T) t;
    }

    private static final class ReflectedCallable extends Reflected implements SerializableCallable<Object> {
        private static final long serialVersionUID = 1L;

        ReflectedCallable(Method body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        public Object call() throws Exception {
            return invoke();
        }
    }

    private static final class ReflectedRunnable extends Reflected implements SerializableRunnable {
        private static final long serialVersionUID = 1L;

        ReflectedRunnable(Method body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        public void run() {
            invokeUnchecked();
        }
    }

    private static final class ReflectedFunction extends Reflected implements SerializableFunction<Object, Object> {
        private static final long serialVersionUID = 1L;

        ReflectedFunction(Method body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        public Object apply(Object a) {
            return invokeUnchecked(a);
        }
    }

    private static final class ReflectedBiFunction extends Reflected
            implements SerializableBiFunction<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        ReflectedBiFunction(Method body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        public Object apply(Object a, Object b) {
            return invokeUnchecked(a, b);
        }
    }
}
