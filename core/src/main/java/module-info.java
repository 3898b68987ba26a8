/**
 * pyconcurrent: Python's {@code threading}, {@code queue}, {@code concurrent.futures}
 * and {@code multiprocessing}, for Java.
 */
@SuppressWarnings("module")   // the qualified exports name a module that is built after this one
module dev.pyconcurrent {
    requires org.slf4j;
    uses org.slf4j.spi.SLF4JServiceProvider;   // only to ask whether one is there (LazyLogger)

    exports dev.pyconcurrent;
    exports dev.pyconcurrent.function;
    exports dev.pyconcurrent.threading;
    exports dev.pyconcurrent.queue;
    exports dev.pyconcurrent.futures;
    exports dev.pyconcurrent.multiprocessing;
    exports dev.pyconcurrent.multiprocessing.connection;
    exports dev.pyconcurrent.multiprocessing.sharedmemory;

    // for pyconcurrent-cluster only: the codec (with its decoding limits) and the interrupt helper
    exports dev.pyconcurrent.internal to dev.pyconcurrent.cluster;
    exports dev.pyconcurrent.multiprocessing.internal.codec to dev.pyconcurrent.cluster;
}
