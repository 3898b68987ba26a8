/**
 * Python's {@code concurrent.futures}: {@code Future}, executors on threads and on child
 * JVMs, {@code map}, {@code wait} and {@code as_completed}.
 */
package dev.pyconcurrent.futures;
