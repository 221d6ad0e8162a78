package io.github.segshap.core.readme;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks README.md and every page of docs/: relative links point to files that exist; every Java
 * type named in backticks exists in the sources; every command names modules, jars and main
 * classes that the build really has.
 */
class DocsCheckTest {
    /** Names of other libraries' types that the docs mention on purpose. */
    private static final Set<String> FOREIGN = Set.of("ShapleyValues", "ShapleyValueSampling", "KernelShap",
            "PowerTransformer", "ComputationGraph", "MultiLayerNetwork", "ModelSerializer", "INDArray",
            "ILossFunction", "CnnLossLayer", "NaN", "Inf", "ImageIO", "OptionsBuilder", "Runner", "XENT",
            "BinaryFocalCrossentropy", "MeanIoU", "Independent", "FileStore", "Nd4jCpu", "README", "NCHW", "NHWC",
            "ROC", "AUC", "IoU", "TGS", "GST", "JMH", "CI", "PNG", "HTML", "JSON", "CSV", "CPU", "GPU",
            "List", "Path", "Map", "String", "System", "Math", "Nd4j", "NeuralNetwork", "Environment",
            "MemoryPoolMXBean", "BufferedImage", "Random", "SplittableRandom",
            // DL4J layers and ONNX operators and runtime types named in docs/onnx.md and the command-line docs
            "ActivationLayer", "BatchNormalization", "Conv", "ConvTranspose", "Relu", "Sigmoid", "Softmax", "MaxPool",
            "Resize", "Concat", "Transpose", "Upsampling2D", "Deconvolution2D", "OrtSession", "OrtEnvironment",
            "ModelProto", "PyTorch", "Keras", "TensorFlow", "ONNX", "NumPy", "AutoCloseable",
            // ONNX quantization operators and ONNX Runtime's fused kernels named in docs/onnx.md (reduced precision)
            "QuantizeLinear", "DequantizeLinear", "QLinearConv", "QLinearConcat", "NhwcMaxPool", "MatMul",
            "SessionOptions",
            // JFreeChart's PNG encoder and renderer, named in docs/performance.md (report time)
            "EncoderUtil", "Renderer",
            // shap's explainer whose interaction-value convention interactions.npy follows
            "TreeExplainer");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern TYPE = Pattern.compile("`(?:new )?([A-Z][A-Za-z0-9]+)(?:[.(<][^`]*)?`");
    private static final Pattern JAR = Pattern.compile("java -jar ([\\w./-]+\\.jar)");
    private static final Pattern MODULE = Pattern.compile("-pl ([\\w,-]+)");

    static Path root() {
        return Paths.get(System.getProperty("segshap.root", "..")).toAbsolutePath().normalize();
    }

    /** The reactor's module folders, as the parent pom lists them. */
    static List<Path> moduleFolders() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root().resolve("pom.xml")));
        List<Path> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(root().resolve(m.group(1)));
        }
        return modules;
    }

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root().resolve("README.md"));
        try (Stream<Path> s = Files.list(root().resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static Set<String> javaTypes() throws IOException {
        Set<String> types = new HashSet<>();
        try (Stream<Path> s = Files.walk(root())) {
            s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                    .forEach(p -> types.add(p.getFileName().toString().replace(".java", "")));
        }
        // nested types: "class Builder" inside files
        try (Stream<Path> s = Files.walk(root())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/")).toList()) {
                Matcher m = Pattern.compile("(?:class|interface|enum|record) ([A-Z]\\w*)").matcher(Files.readString(p));
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        return types;
    }

    @TestFactory
    List<DynamicTest> everyPage() throws IOException {
        Set<String> types = javaTypes();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page);
            String name = root().relativize(page).toString();
            tests.add(DynamicTest.dynamicTest(name + ": links", () -> {
                Matcher m = LINK.matcher(text);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                        continue;
                    }
                    Path resolved = page.getParent().resolve(target).normalize();
                    assertTrue(Files.exists(resolved), name + " links to " + target + ", which does not exist");
                }
            }));
            tests.add(DynamicTest.dynamicTest(name + ": Java types", () -> {
                Matcher m = TYPE.matcher(text);
                Set<String> unknown = new java.util.TreeSet<>();
                while (m.find()) {
                    String type = m.group(1);
                    if (!types.contains(type) && !FOREIGN.contains(type)) {
                        unknown.add(type);
                    }
                }
                assertTrue(unknown.isEmpty(), name + " names types that are not in the sources: " + unknown);
            }));
            tests.add(DynamicTest.dynamicTest(name + ": commands", () -> {
                Matcher jar = JAR.matcher(text);
                while (jar.find()) {
                    Path jarPath = Paths.get(jar.group(1));
                    String base = jarPath.getFileName().toString().replace(".jar", "");
                    // a bare name (`java -jar salt-example.jar`) is a jar copied anywhere: some module must build it
                    List<Path> modules = jarPath.getNameCount() > 1 ? List.of(root().resolve(jarPath.getName(0)))
                            : moduleFolders();
                    boolean built = false;
                    for (Path module : modules) {
                        String pom = Files.readString(module.resolve("pom.xml"));
                        if (pom.contains("<finalName>" + base + "</finalName>")
                                || pom.contains("<outputFile>${project.build.directory}/" + base + ".jar</outputFile>")) {
                            built = true;
                            assertTrue(pom.contains("<mainClass>"), name + ": " + base + ".jar has no main class");
                        }
                    }
                    assertTrue(built, name + ": `java -jar " + jarPath + "` but no module's pom.xml ("
                            + modules.stream().map(m -> m.getFileName().toString()).toList() + ") builds " + base + ".jar");
                }
                Matcher mod = MODULE.matcher(text);
                while (mod.find()) {
                    for (String m : mod.group(1).split(",")) {
                        assertTrue(Files.isRegularFile(root().resolve(m).resolve("pom.xml")), name
                                + ": -pl names module " + m + ", which does not exist");
                    }
                }
            }));
        }
        return tests;
    }
}
