package io.github.segshap.salt.prepare.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.salt.TestResources;
import io.github.segshap.salt.prepare.data.SaltDataset;
import io.github.segshap.salt.prepare.data.SaltDatasetReader;
import io.github.segshap.salt.prepare.data.SaltSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code attributes.json}'s {@code yeo_johnson.pipeline}: the transform fitted on the horizontal
 * 48 x 48 attribute stacks of the listed TGS ids, computed here from their PNGs.
 */
class YeoJohnsonPipelineReferenceTest {

    @Test
    void fitOnTheListedIdsMatchesScikitLearn() {
        JsonNode root = TestResources.attributesJson("attributes.json");
        JsonNode ref = root.get("yeo_johnson").get("pipeline");
        JsonNode tol = root.get("suggested_tolerances_abs");
        SaltDataset data = SaltDatasetReader.builder().build().read(TestResources.data());
        Map<String, SaltSample> byId = data.byId();
        List<double[]> stacks = new ArrayList<>();
        for (JsonNode id : ref.get("ids")) {
            double[] img = byId.get(id.asText()).imageAsDoubles();
            double[] r48 = Resampling.resize(Resampling.decimate(img, 101, 101, 2), 51, 51, 48, 48);
            stacks.add(Attributes.stack(r48, 48, 48, AttributeAxis.HORIZONTAL));
        }
        int plane = 48 * 48;
        double[][] columns = new double[4][stacks.size() * plane];
        for (int s = 0; s < stacks.size(); s++) {
            for (int c = 0; c < 4; c++) {
                System.arraycopy(stacks.get(s), c * plane, columns[c], s * plane, plane);
            }
        }
        YeoJohnson yj = YeoJohnson.fit(Attributes.CHANNELS, columns);
        assertArrayEquals(TestResources.vector(ref.get("lambdas")), yj.lambdas(),
                tol.get("yeo_johnson_lambdas").asDouble(), "lambdas");
        double meanTol = tol.get("yeo_johnson_mean_scale").asDouble();
        double[] means = TestResources.vector(ref.get("mean"));
        double[] scales = TestResources.vector(ref.get("scale"));
        for (int c = 0; c < 4; c++) {
            // means and scales carry the lambda tolerance through the transform: compare relatively for large ones
            assertEquals(means[c], yj.means()[c], meanTol * Math.max(1, Math.abs(means[c])), "mean " + c);
            assertEquals(scales[c], yj.scales()[c], meanTol * Math.max(1, Math.abs(scales[c])), "scale " + c);
        }
        JsonNode first = ref.get("transformed_first_id");
        double t = tol.get("yeo_johnson_transformed").asDouble();
        double[] stack = stacks.get(0);
        for (int r = 0; r < 48; r++) {
            for (int col = 0; col < 48; col++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(first.get(r).get(col).get(c).asDouble(),
                            yj.transform(c, stack[c * plane + r * 48 + col]), t, "(" + r + ", " + col + ", " + c + ")");
                }
            }
        }
        // and the float32 image path used by the pipeline agrees within the same tolerances
        float[] images = new float[stacks.size() * 4 * plane];
        for (int s = 0; s < stacks.size(); s++) {
            for (int k = 0; k < 4 * plane; k++) {
                images[s * 4 * plane + k] = (float) stacks.get(s)[k];
            }
        }
        YeoJohnson f = YeoJohnson.fitImages(Attributes.CHANNELS, images, stacks.size(), plane);
        assertArrayEquals(TestResources.vector(ref.get("lambdas")), f.lambdas(),
                tol.get("yeo_johnson_lambdas").asDouble(), "float32 lambdas");
    }
}
