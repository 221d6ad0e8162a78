package io.github.segshap.salt.prepare.preprocess;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON record of a {@link YeoJohnson} transform, schema {@value YeoJohnson#SCHEMA}. */
final class YeoJohnsonJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String METHOD = "yeo-johnson";

    private YeoJohnsonJson() {
    }

    /** The transform as indented JSON. */
    static String write(List<String> channels, double[] lambdas, double[] means, double[] scales, long[] counts) {
        try {
            return JSON.writeValueAsString(new Dto(YeoJohnson.SCHEMA, METHOD, true, channels, lambdas, means, scales,
                    counts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The transform {@link #write} wrote.
     *
     * @throws IllegalArgumentException if the text is not such a transform
     */
    static YeoJohnson read(String json) {
        Dto d;
        try {
            d = JSON.readValue(json, Dto.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Yeo-Johnson transform: " + e.getMessage(), e);
        }
        if (!YeoJohnson.SCHEMA.equals(d.schema) || !METHOD.equals(d.method) || !d.standardize) {
            throw new IllegalArgumentException("expected schema " + YeoJohnson.SCHEMA + " (yeo-johnson, standardize),"
                    + " got " + d.schema + " (" + d.method + ", standardize " + d.standardize + ")");
        }
        if (d.channels == null || d.lambdas == null || d.means == null || d.scales == null) {
            throw new IllegalArgumentException("Yeo-Johnson JSON lacks channels, lambdas, means or scales");
        }
        long[] counts = d.counts == null ? new long[d.lambdas.length] : d.counts;
        return new YeoJohnson(d.channels, d.lambdas, d.means, d.scales, counts);
    }

    /** JSON form. */
    private static final class Dto {
        @JsonProperty public String schema;
        @JsonProperty public String method;
        @JsonProperty public boolean standardize;
        @JsonProperty public List<String> channels;
        @JsonProperty public double[] lambdas;
        @JsonProperty public double[] means;
        @JsonProperty public double[] scales;
        @JsonProperty public long[] counts;

        Dto() {
        }

        Dto(String schema, String method, boolean standardize, List<String> channels, double[] lambdas,
            double[] means, double[] scales, long[] counts) {
            this.schema = schema;
            this.method = method;
            this.standardize = standardize;
            this.channels = channels;
            this.lambdas = lambdas;
            this.means = means;
            this.scales = scales;
            this.counts = counts;
        }
    }
}
