package io.github.segshap.dl4j.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Class aliases rewrite quoted class names only, merge every file on the class path and refuse conflicts. */
class ClassAliasesTest {
    @TempDir
    Path tmp;

    @Test
    void quotedOldNamesAreReplacedAndNothingElse() {
        ClassAliases aliases = ClassAliases.of(Map.of("a.Old", "b.New"));
        String json = "{\"@class\":\"a.Old\",\"other\":\"a.OldLoss\",\"text\":\"see a.Old\"}";
        assertEquals("{\"@class\":\"b.New\",\"other\":\"a.OldLoss\",\"text\":\"see a.Old\"}", aliases.apply(json));
        String untouched = "{\"@class\":\"c.Kept\"}";
        assertSame(untouched, ClassAliases.of(Map.of()).apply(untouched));
    }

    @Test
    void everyFileOnTheClassPathCounts() throws IOException {
        Path first = aliasesIn("first", "a.Old = b.New\n# a comment\n");
        Path second = aliasesIn("second", "c.Old=d.New\na.Old=b.New\n");
        try (URLClassLoader loader = loaderOf(first, second)) {
            assertEquals(Map.of("a.Old", "b.New", "c.Old", "d.New"), ClassAliases.fromClassPath(loader).aliases());
        }
        try (URLClassLoader none = loaderOf(tmp)) {
            assertEquals(Map.of(), ClassAliases.fromClassPath(none).aliases());
        }
    }

    @Test
    void twoNewNamesForOneOldNameAreRefusedNamingBothFiles() throws IOException {
        Path first = aliasesIn("first", "a.Old=b.New\n");
        Path second = aliasesIn("second", "a.Old=c.Other\n");
        try (URLClassLoader loader = loaderOf(first, second)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClassAliases.fromClassPath(loader));
            assertTrue(e.getMessage().contains("a.Old") && e.getMessage().contains("b.New")
                    && e.getMessage().contains("c.Other") && e.getMessage().contains("first")
                    && e.getMessage().contains("second"), e.getMessage());
        }
    }

    /** shap-dl4j's own classes name no class of the salt example nor of the zoo: the aliases come from outside. */
    @Test
    void theAdapterNamesNoSaltNorZooClass() throws IOException, URISyntaxException {
        Path classes = Path.of(Dl4jModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() > 10, "found shap-dl4j's classes in " + classes);
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String name : List.of("io/github/segshap/salt", "io.github.segshap.salt", "io/github/segshap/zoo",
                    "io.github.segshap.zoo")) {
                assertTrue(!text.contains(name), f + " names " + name);
            }
        }
    }

    private Path aliasesIn(String folder, String text) throws IOException {
        Path file = tmp.resolve(folder).resolve(ClassAliases.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return tmp.resolve(folder);
    }

    private static URLClassLoader loaderOf(Path... folders) throws IOException {
        URL[] urls = new URL[folders.length];
        for (int i = 0; i < folders.length; i++) {
            urls[i] = folders[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }
}
