/**
 * Python's {@code queue} module: synchronized FIFO, LIFO and priority queues with
 * {@code task_done}/{@code join} and 3.13's {@code shutdown}, and the unbounded {@code SimpleQueue}.
 */
package dev.pyconcurrent.queue;
