/**
 * Serializable functional interfaces: a lambda whose target type is one of these is
 * serializable, so it can be sent to a child JVM ({@code multiprocessing}), as Python
 * pickles a function by reference.
 */
package dev.pyconcurrent.function;
