/**
 * pyconcurrent-cluster: the {@code concurrent.futures} executor API on a Hazelcast cluster.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})   // Hazelcast's jar is an automatic module, com.hazelcast.core
module dev.pyconcurrent.cluster {
    requires transitive dev.pyconcurrent;
    requires transitive com.hazelcast.core;
    requires org.slf4j;

    exports dev.pyconcurrent.cluster;
}
