package dev.pyconcurrent.multiprocessing.internal.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * How the codec sends a serializable lambda without Java serialization: it asks the lambda for its
 * {@link SerializedLambda} (the {@code writeReplace} Java serialization would call), sends the shape
 * once per channel and the captured values each time, and rebuilds it through the capturing class's
 * {@code $deserializeLambda$} (the method Java serialization's {@code readResolve} calls). Both are
 * found once per class; where this library may not open the class (a named module that does not open
 * its package), the lambda travels by Java serialization instead.
 */
final class Lambdas {
    private Lambdas() {
    }

    private static final ClassValue<MethodHandle> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> c) {
            if (!c.isSynthetic() || !java.io.Serializable.class.isAssignableFrom(c)) {
                return null;
            }
            try {
                Method m = c.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException notALambdaOrClosed) {
                return null;
            }
        }
    };

    private static final ClassValue<MethodHandle> DESERIALIZE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> c) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
                return lookup.findStatic(c, "$deserializeLambda$",
                        MethodType.methodType(Object.class, SerializedLambda.class));
            } catch (ReflectiveOperationException | RuntimeException closed) {
                return null;
            }
        }
    };

    /**
     * @return the serialized form of {@code fn}, or {@code null} if it is not a serializable lambda
     *         this library can take apart
     */
    static SerializedLambda serializedForm(Object fn) {
        if (fn instanceof ReflectedLambdas.Reflected r) {
            return r.form;   // rebuilt here from this form: it travels on as the lambda it stands for
        }
        MethodHandle wr = WRITE_REPLACE.get(fn.getClass());
        if (wr == null) {
            return null;
        }
        try {
            Object r = wr.invokeExact(fn);
            return r instanceof SerializedLambda s ? s : null;
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * @return whether lambdas captured in {@code capturing} can be rebuilt here without Java serialization
     */
    static boolean canRebuild(Class<?> capturing) {
        return DESERIALIZE.get(capturing) != null;
    }

    /**
     * Rebuilds a lambda as Java serialization would.
     *
     * @param capturing the class the lambda was written in
     * @param form its serialized form, captured values included
     * @return the lambda
     * @throws IllegalStateException if it cannot be rebuilt
     */
    static Object rebuild(Class<?> capturing, SerializedLambda form) {
        MethodHandle d = DESERIALIZE.get(capturing);
        if (d == null) {
            throw new IllegalStateException("cannot rebuild a lambda of " + capturing.getName()
                    + ": its package is not open to pyconcurrent");
        }
        try {
            return (Object) d.invokeExact(form);
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("cannot rebuild a lambda of " + capturing.getName() + ": " + e, e);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot rebuild a lambda of " + capturing.getName() + ": " + t, t);
        }
    }
}
