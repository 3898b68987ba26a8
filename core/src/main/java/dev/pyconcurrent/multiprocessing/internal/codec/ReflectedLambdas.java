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
 * frames: a lambda's own frame is hidden too), and it serializes as the lambda it stands for
 * ({@code writeReplace}, and {@link Lambdas#serializedForm} for this codec). Its class and {@code toString}
 * are its own. Once the lambdas of a shape have been called {@link #HOT_CALLS} times (a function that
 * {@code map} applies to many items), the lambda itself is made and called from then on. {@code -Dpyconcurrent.reflectedLambdas=false} turns all of
 * this off.
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
    static Body body(Class<?> capturing, List<String> parts) {
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
            return new Body(body);
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
    static Object rebuild(Body b, SerializedLambda form) {
        if (b.hot) {
            return Lambdas.rebuild(b.method.getDeclaringClass(), form);   // the shape is called often: the lambda itself
        }
        Method body = b.method;
        int arity;
        Reflected r;
        switch (form.getFunctionalInterfaceClass()) {
            case "dev/pyconcurrent/function/SerializableCallable" -> {
                r = new ReflectedCallable(b, form);
                arity = 0;
            }
            case "dev/pyconcurrent/function/SerializableRunnable" -> {
                r = new ReflectedRunnable(b, form);
                arity = 0;
            }
            case "dev/pyconcurrent/function/SerializableFunction" -> {
                r = new ReflectedFunction(b, form);
                arity = 1;
            }
            default -> {
                r = new ReflectedBiFunction(b, form);
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

    /**
     * Calls through reflection of a lambda shape's lambdas before the lambda itself takes over. Making the
     * lambda costs a young worker 5–10 ms once ({@code java.lang.invoke}, its class); a reflective call costs
     * some 10–20 ns more than a direct one, which the JIT can inline: a shape called this often (a function
     * that {@code map} applies to many items) is worth the lambda, while a task called once or a small
     * {@code map} never pays for it.
     */
    static final int HOT_CALLS = 10_000;

    /** A lambda shape's body, and how often lambdas of that shape were called through it. */
    static final class Body {
        final Method method;
        /** The body's parameter types, copied once (reflection hands out a copy per call). */
        final Class<?>[] types;
        /** Calls through reflection of every lambda of this shape; racy on purpose: a few more change nothing. */
        int calls;
        /** Set once {@link #HOT_CALLS} is passed: this shape's lambdas are then made as Java serialization would. */
        volatile boolean hot;

        Body(Method method) {
            this.method = method;
            this.types = method.getParameterTypes();
        }
    }

    /**
     * What every rebuilt lambda is: its body, its captured values, its serialized form, and the lambda itself
     * once it has been called {@link #HOT_CALLS} times.
     */
    abstract static class Reflected implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Body body;
        /** The lambda it stands for; what it serializes as. */
        final SerializedLambda form;
        /** The lambda itself, once its shape is hot; immutable, so a racy read sees it whole. */
        private transient Object lambda;

        Reflected(Body body, SerializedLambda form) {
            this.body = body;
            this.form = form;
        }

        /**
         * @return the lambda itself once its shape has been called {@link #HOT_CALLS} times (made then, as
         *         Java serialization would), or null while calls still go through reflection
         */
        final Object hot() {
            Object l = lambda;
            if (l == null && (body.hot || ++body.calls > HOT_CALLS)) {
                body.hot = true;
                l = Lambdas.rebuild(body.method.getDeclaringClass(), form);
                lambda = l;
            }
            return l;
        }

        /** Runs the body with the captured values and {@code args}; throws what it throws. */
        final Object invoke(Object... args) throws Exception {
            int n = form.getCapturedArgCount();
            Object[] all = new Object[n + args.length];
            for (int i = 0; i < n; i++) {
                all[i] = form.getCapturedArg(i);
            }
            System.arraycopy(args, 0, all, n, args.length);
            Class<?>[] types = body.types;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == null && types[i].isPrimitive()) {
                    throw new NullPointerException("a null argument for a " + types[i] + " parameter");
                }
            }
            Method m = body.method;
            try {
                return m.invoke(null, all);
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                hideCallFrames(t);
                if (t instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) t;   // a method can throw nothing else
            } catch (IllegalArgumentException wrongType) {
                throw new ClassCastException("an argument does not fit " + m.getDeclaringClass().getName() + "."
                        + m.getName() + ": " + wrongType.getMessage());
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

        ReflectedCallable(Body body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object call() throws Exception {
            Object l = hot();
            return l != null ? ((java.util.concurrent.Callable<Object>) l).call() : invoke();
        }
    }

    private static final class ReflectedRunnable extends Reflected implements SerializableRunnable {
        private static final long serialVersionUID = 1L;

        ReflectedRunnable(Body body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        public void run() {
            Object l = hot();
            if (l != null) {
                ((Runnable) l).run();
            } else {
                invokeUnchecked();
            }
        }
    }

    private static final class ReflectedFunction extends Reflected implements SerializableFunction<Object, Object> {
        private static final long serialVersionUID = 1L;

        ReflectedFunction(Body body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object apply(Object a) {
            Object l = hot();
            return l != null ? ((java.util.function.Function<Object, Object>) l).apply(a) : invokeUnchecked(a);
        }
    }

    private static final class ReflectedBiFunction extends Reflected
            implements SerializableBiFunction<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        ReflectedBiFunction(Body body, SerializedLambda form) {
            super(body, form);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object apply(Object a, Object b) {
            Object l = hot();
            return l != null ? ((java.util.function.BiFunction<Object, Object, Object>) l).apply(a, b)
                    : invokeUnchecked(a, b);
        }
    }
}
