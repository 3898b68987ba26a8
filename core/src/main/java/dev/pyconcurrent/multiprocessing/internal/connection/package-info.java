/** Waiting on several connections and process sentinels at once ({@code Multiprocessing.wait}). Not exported. */
package dev.pyconcurrent.multiprocessing.internal.connection;
