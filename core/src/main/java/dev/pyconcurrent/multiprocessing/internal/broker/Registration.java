package dev.pyconcurrent.multiprocessing.internal.broker;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A type registered with a manager (Python's {@code BaseManager.register(typeid, callable)}): the
 * interface its proxies implement and the factory the manager runs to make an object of it.
 *
 * @param type        the interface
 * @param factory     makes the object from the caller's arguments
 * @param description the factory, for messages
 */
public record Registration(Class<?> type, Function<Object[], ?> factory, String description) {
    /**
     * Checks the parts.
     *
     * @param type        the interface
     * @param factory     the factory
     * @param description its description
     */
    public Registration {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("a registered type is an interface (its proxies implement it), not the class "
                    + type.getName());
        }
    }

    /**
     * A factory without arguments (Python's {@code register('get_queue', callable=lambda: queue)}).
     *
     * @param type    the interface
     * @param factory makes (or returns) the object
     * @return the registration
     */
    public static Registration of(Class<?> type, Supplier<?> factory) {
        Objects.requireNonNull(factory, "factory");
        return new Registration(type, args -> {
            if (args.length != 0) {
                throw new IllegalArgumentException("the factory of this type takes no arguments, got " + args.length);
            }
            return factory.get();
        }, "a Supplier");
    }

    /**
     * A class whose public constructor taking the caller's arguments makes the object (Python's
     * {@code register('Maths', MathsClass)}).
     *
     * @param type           the interface
     * @param implementation a public, concrete class implementing it
     * @return the registration
     * @throws IllegalArgumentException if {@code implementation} does not implement {@code type}, is
     *                                  abstract or has no public constructor
     */
    public static Registration ofClass(Class<?> type, Class<?> implementation) {
        Objects.requireNonNull(implementation, "implementation");
        if (!type.isAssignableFrom(implementation)) {
            throw new IllegalArgumentException(implementation.getName() + " does not implement " + type.getName());
        }
        if (implementation.isInterface() || Modifier.isAbstract(implementation.getModifiers())) {
            throw new IllegalArgumentException(implementation.getName() + " is abstract: register a concrete class");
        }
        Constructor<?>[] constructors = implementation.getConstructors();
        if (constructors.length == 0) {
            throw new IllegalArgumentException(implementation.getName() + " has no public constructor");
        }
        return new Registration(type, args -> construct(implementation, constructors, args),
                "the constructors of " + implementation.getName());
    }

    /** Runs the first public constructor with as many parameters as arguments that accepts them. */
    private static Object construct(Class<?> impl, Constructor<?>[] constructors, Object[] args) {
        for (Constructor<?> c : constructors) {
            if (c.getParameterCount() != args.length) {
                continue;
            }
            try {
                c.trySetAccessible(); // a public constructor of a class the library's package cannot see
                return c.newInstance(args);
            } catch (IllegalArgumentException wrongTypes) {
                // try the next one
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("the constructor of " + impl.getName() + " threw " + t, t);
            } catch (InstantiationException | IllegalAccessException e) {
                throw new IllegalStateException("cannot construct " + impl.getName() + ": " + e, e);
            }
        }
        String given = Arrays.stream(args).map(a -> a == null ? "null" : a.getClass().getSimpleName())
                .collect(Collectors.joining(", ", "(", ")"));
        String have = Arrays.stream(constructors).map(c -> Arrays.stream(c.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", impl.getSimpleName() + "(", ")"))).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("no public constructor of " + impl.getName() + " takes " + given + "; it has " + have);
    }

    /**
     * How a proxy names a method of a registered type on the wire: its name and its parameter types.
     *
     * @param m the method
     * @return e.g. {@code put(java.lang.Object,long,java.util.concurrent.TimeUnit)}
     */
    public static String methodKey(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",", m.getName() + "(", ")"));
    }
}
