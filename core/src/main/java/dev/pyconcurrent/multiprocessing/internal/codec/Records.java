package dev.pyconcurrent.multiprocessing.internal.codec;

import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * How the codec takes a serializable record apart and builds it again: its components' accessors and
 * its canonical constructor, as Java serialization does for records. Found once per class; a record
 * whose package is not open to this library gets no shape and travels by Java serialization.
 */
final class Records {
    private Records() {
    }

    /** The accessors and canonical constructor of one record class. */
    record Shape(MethodHandle[] accessors, MethodHandle constructor) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> c) {
            if (!c.isRecord() || !Serializable.class.isAssignableFrom(c)) {
                return null;
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
                RecordComponent[] rc = c.getRecordComponents();
                MethodHandle[] accessors = new MethodHandle[rc.length];
                Class<?>[] types = new Class<?>[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    types[i] = rc[i].getType();
                    accessors[i] = lookup.unreflect(rc[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                }
                MethodHandle ctor = lookup.findConstructor(c, MethodType.methodType(void.class, types))
                        .asSpreader(Object[].class, rc.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new Shape(accessors, ctor);
            } catch (ReflectiveOperationException | RuntimeException inaccessible) {
                return null;
            }
        }
    };

    /**
     * @return the shape of {@code c}, or {@code null} if it is not a serializable record this library
     *         can open
     */
    static Shape shape(Class<?> c) {
        return SHAPES.get(c);
    }
}
