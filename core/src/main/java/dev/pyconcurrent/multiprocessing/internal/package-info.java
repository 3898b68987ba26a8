/** The child-JVM engine: launcher, worker main, wire protocol, codec. Not exported. */
package dev.pyconcurrent.multiprocessing.internal;
