package io.github.segshap.report;

import io.github.segshap.core.provenance.Provenance;
import java.util.LinkedHashMap;
import java.util.Map;

/** The explanation's provenance as rows of the report's parameter table, each name under {@code explanation.}. */
final class ProvenanceRows {
    private ProvenanceRows() {
    }

    /** The rows, in the order the page shows them. */
    static Map<String, Object> of(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("explanation.explainer", p.explainer());
        p.explainerOptions().forEach((k, v) -> m.put("explanation.explainer." + k, v));
        m.put("explanation.budget", p.budget());
        m.put("explanation.seed", p.seed());
        m.put("explanation.masker", p.masker());
        m.put("explanation.background", p.backgroundSize() + " rows, " + p.backgroundFingerprint());
        m.put("explanation.players", p.playerDefinition() + " " + p.players());
        m.put("explanation.model", p.model());
        m.put("explanation.padding", p.padding());
        m.put("explanation.segshap", p.libraryVersion() + " on Java " + p.javaVersion());
        m.put("explanation.created", p.created());
        return m;
    }
}
