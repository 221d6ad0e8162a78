package io.github.segshap.report.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.report.chart.ColorMap;
import io.github.segshap.report.figures.LabelledExplanations;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * The data the viewer's script reads: one JSON object with the shapes, names and colour maps, and
 * per shown image its arrays as base64 little-endian float32 (base values, prediction,
 * contributions {@code [M, *output]}, inputs {@code [C, H, W]}, truth, interactions
 * {@code [M, M, *output]}). The JSON is safe inside a {@code <script>} element (every {@code <}
 * escaped).
 */
final class ViewerPayload {
    /** Entries of each colour table sent to the page. */
    static final int COLOURS = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ViewerPayload() {
    }

    /**
     * The JSON text.
     *
     * @param data         the explanations and true masks
     * @param interactions one per image, or null when there are none
     * @param shown        how many images (the first ones) to include, 1..N
     * @param total        how many images the batch has ({@code data} may hold only the first ones)
     */
    static String json(LabelledExplanations data, List<InteractionMaps> interactions, int shown, int total,
                       String title, String insideLabel, String outsideLabel) {
        Explanations ex = data.explanations();
        OutputShape os = ex.outputShape();
        ImageShape is = ex.imageShape();
        boolean inputsShown = ex.hasInputs() && is.height() == os.height() && is.width() == os.width();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("title", title);
        root.put("explainer", ex.explainer());
        root.put("totalImages", total);
        root.put("shownImages", shown);
        root.set("players", MAPPER.valueToTree(ex.playerNames()));
        root.set("outputShape", MAPPER.valueToTree(new int[] {os.planes(), os.height(), os.width()}));
        root.set("imageShape", MAPPER.valueToTree(new int[] {is.channels(), is.height(), is.width()}));
        root.put("inputsShown", inputsShown);
        root.put("inputsAreChannels", data.playersAreChannels());
        root.put("hasTruth", data.hasTruth());
        root.put("hasInteractions", interactions != null);
        root.put("insideLabel", insideLabel);
        root.put("outsideLabel", outsideLabel);
        ObjectNode maps = root.putObject("colourMaps");
        maps.set("diverging", table(ColorMap.divergingSymmetric(1), -1, 1));
        maps.set("viridis", table(ColorMap.viridis(0, 1), 0, 1));
        maps.set("grey", table(ColorMap.grey(0, 1), 0, 1));
        ArrayNode images = root.putArray("images");
        for (int i = 0; i < shown; i++) {
            Explanation e = ex.get(i);
            ObjectNode img = images.addObject();
            img.put("id", ex.id(i));
            img.put("maxAbsResidual", e.maxAbsResidual());
            img.put("base", floats(e.baseValues()));
            img.put("prediction", floats(e.outputs()));
            double[] contributions = new double[ex.players() * os.size()];
            for (int p = 0; p < ex.players(); p++) {
                System.arraycopy(e.values(p), 0, contributions, p * os.size(), os.size());
            }
            img.put("contributions", floats(contributions));
            if (inputsShown) {
                double[] in = new double[is.size()];
                ex.input(i).copyTo(in, 0);
                img.put("inputs", floats(in));
            }
            if (data.hasTruth()) {
                boolean[] t = data.truth().get(i);
                double[] v = new double[t.length];
                for (int o = 0; o < t.length; o++) {
                    v[o] = t[o] ? 1 : 0;
                }
                img.put("truth", floats(v));
            }
            if (interactions != null) {
                img.put("interactions", floats(interactions.get(i).toArray()));
            }
        }
        try {
            return MAPPER.writeValueAsString(root).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the viewer data: " + e.getMessage(), e);
        }
    }

    /** {@value #COLOURS} colours of {@code map} from {@code lower} to {@code upper}, as [r, g, b, r, g, b, ...]. */
    private static ArrayNode table(ColorMap map, double lower, double upper) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int i = 0; i < COLOURS; i++) {
            Color c = map.color(lower + (upper - lower) * i / (COLOURS - 1));
            a.add(c.getRed()).add(c.getGreen()).add(c.getBlue());
        }
        return a;
    }

    /** The values as base64 of little-endian float32. */
    static String floats(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putFloat((float) v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }
}
