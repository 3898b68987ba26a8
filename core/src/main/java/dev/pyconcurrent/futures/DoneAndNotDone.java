package dev.pyconcurrent.futures;

import java.util.Set;

/**
 * What {@link Futures#wait} returns. Python: {@code concurrent.futures.wait}'s {@code DoneAndNotDoneFutures}.
 *
 * @param done the futures that finished or were cancelled
 * @param notDone the others
 * @param <T> the result type
 */
public record DoneAndNotDone<T>(Set<Future<T>> done, Set<Future<T>> notDone) {
}
