/**
 * pyconcurrent: Python's {@code threading}, {@code queue}, {@code concurrent.futures}
 * and {@code multiprocessing}, for Java.
 */
module dev.pyconcurrent {
    requires org.slf4j;

    exports dev.pyconcurrent;
    exports dev.pyconcurrent.function;
    exports dev.pyconcurrent.threading;
    exports dev.pyconcurrent.queue;
    exports dev.pyconcurrent.futures;
    exports dev.pyconcurrent.multiprocessing;
}
