package io.github.segshap.spark.job;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The master: --master, else spark-submit's (the spark.master property it sets), else local[*]; two different ones refused. */
class SparkSessionsTest {
    @Test
    void theMasterIsAskedForOrSparkSubmitsOrLocal() {
        String before = System.getProperty(SparkSessions.SPARK_MASTER);
        try {
            System.clearProperty(SparkSessions.SPARK_MASTER);
            assertEquals(SparkSessions.DEFAULT_MASTER, SparkSessions.master(null));
            assertEquals("local[2]", SparkSessions.master("local[2]"));
            System.setProperty(SparkSessions.SPARK_MASTER, "spark://head:7077");
            assertEquals("spark://head:7077", SparkSessions.master(null));
            assertEquals("spark://head:7077", SparkSessions.master("spark://head:7077"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SparkSessions.master("local[2]"));
            assertTrue(e.getMessage().contains("--master local[2] differs from spark-submit's --master "
                    + "spark://head:7077"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(SparkSessions.SPARK_MASTER);
            } else {
                System.setProperty(SparkSessions.SPARK_MASTER, before);
            }
        }
    }

    @Test
    void localMastersRunInThisJvm() {
        assertTrue(SparkSessions.isLocal("local"));
        assertTrue(SparkSessions.isLocal("local[2,3]"));
        assertFalse(SparkSessions.isLocal("local-cluster[2,1,1024]"));
        assertFalse(SparkSessions.isLocal("yarn"));
    }
}
