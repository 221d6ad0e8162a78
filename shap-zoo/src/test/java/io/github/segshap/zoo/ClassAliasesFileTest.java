package io.github.segshap.zoo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * shap-zoo's {@code META-INF/segshap/dl4j-class-aliases.properties} names every earlier name of its
 * classes, and each one leads to a class that exists (shap-dl4j's loader applies the file; its
 * {@code MovedLossesTest} loads a model saved under the old names).
 */
class ClassAliasesFileTest {
    private static final String RESOURCE = "META-INF/segshap/dl4j-class-aliases.properties";

    @Test
    void everyOldNameLeadsToAZooClassThatExists() throws IOException {
        Properties aliases = new Properties();
        try (InputStream in = UNet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is on the class path");
            aliases.load(in);
        }
        assertEquals(Set.of("io.github.segshap.salt.train.FocalLoss", "io.github.segshap.salt.train.LovaszLoss",
                "io.github.segshap.salt.train.LossSum", "io.github.segshap.dl4j.zoo.UNet",
                "io.github.segshap.dl4j.zoo.loss.FocalLoss", "io.github.segshap.dl4j.zoo.loss.LovaszLoss",
                "io.github.segshap.dl4j.zoo.loss.LossSum", "io.github.segshap.dl4j.zoo.loss.ScoreArrayLoss"),
                aliases.stringPropertyNames());
        for (String old : aliases.stringPropertyNames()) {
            String now = aliases.getProperty(old).trim();
            assertDoesNotThrow(() -> Class.forName(now, false, UNet.class.getClassLoader()), old + " = " + now);
            assertEquals(old.substring(old.lastIndexOf('.')), now.substring(now.lastIndexOf('.')),
                    "a moved class keeps its simple name: " + old + " = " + now);
            assertThrows(ClassNotFoundException.class, () -> Class.forName(old, false, UNet.class.getClassLoader()),
                    old + " is gone");
        }
    }
}
