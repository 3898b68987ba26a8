/**
 * Python's {@code multiprocessing}: processes that are child JVMs, process and thread
 * pools, and objects shared between processes.
 */
package dev.pyconcurrent.multiprocessing;
