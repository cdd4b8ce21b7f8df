package org.weiquan.protection;

import org.weiquan.casefile.RiskLevel;

import jakarta.enterprise.context.ApplicationScoped;
import org.weiquan.shared.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The domestic-violence danger assessment instrument: questions with weights, critical questions, and
 * LOW/MEDIUM/HIGH bands by score. The one in use is the administrator's latest published version
 * ({@link RiskInstrumentVersion}); until one is published, {@code seeds/risk-instrument.json}. Every version
 * stays readable by its id, so that an assessment reads as it was made.
 */
@ApplicationScoped
public class RiskInstrument {

    static final String RESOURCE = "seeds/risk-instrument.json";

    @PersistenceContext
    EntityManager em;

    public record Question(String id, String text, int weight, boolean critical) {
    }

    public record Band(RiskLevel level, int from) {
    }

    public record Result(int score, RiskLevel level, List<String> criticalYes) {
    }

    /** One version of the instrument, read once: score with the same version whose id is recorded. */
    public record Definition(String id, String name, List<Question> questions, List<Band> bands) {

        /** Scores yes/no answers by question id; every question must be answered. */
        public Result score(Map<String, Boolean> answers) {
            int score = 0;
            List<String> critical = new ArrayList<>();
            for (Question q : questions) {
                if (Boolean.TRUE.equals(answers.get(q.id()))) {
                    score += q.weight();
                    if (q.critical()) {
                        critical.add(q.id());
                    }
                }
            }
            RiskLevel level = RiskLevel.LOW;
            for (Band b : bands) {
                if (score >= b.from()) {
                    level = b.level();
                }
            }
            if (!critical.isEmpty()) {
                level = RiskLevel.HIGH;
            }
            return new Result(score, level, critical);
        }
    }

    private volatile Definition seed;

    /** The instrument packaged with the application. */
    public Definition seed() {
        if (seed == null) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE);
                 JsonReader reader = Jsonp.createReader(in)) {
                seed = parse(reader.readObject());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seed;
    }

    /** The version in use: the latest published one, or the packaged instrument. */
    public Definition current() {
        return em.createQuery("SELECT v FROM RiskInstrumentVersion v WHERE v.state = :s ORDER BY v.publishedAt DESC",
                        RiskInstrumentVersion.class)
                .setParameter("s", RiskInstrumentVersion.State.PUBLISHED).setMaxResults(1)
                .getResultStream().findFirst().map(v -> parse(v.definition())).orElseGet(this::seed);
    }

    /** Any version by its id (the packaged one included), as assessments name it. */
    public java.util.Optional<Definition> byId(String id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        if (id.equals(seed().id())) {
            return java.util.Optional.of(seed());
        }
        RiskInstrumentVersion v = em.find(RiskInstrumentVersion.class, id);
        return v == null ? java.util.Optional.empty() : java.util.Optional.of(parse(v.definition()));
    }

    static Definition parse(JsonObject json) {
        List<Question> questions = new ArrayList<>();
        for (JsonObject q : json.getJsonArray("questions").getValuesAs(JsonObject.class)) {
            questions.add(new Question(q.getString("id"), q.getString("text"), q.getInt("weight"),
                    q.getBoolean("critical", false)));
        }
        List<Band> bands = new ArrayList<>();
        for (JsonObject b : json.getJsonArray("bands").getValuesAs(JsonObject.class)) {
            bands.add(new Band(RiskLevel.valueOf(b.getString("level")), b.getInt("from")));
        }
        return new Definition(json.getString("id"), json.getString("name"), List.copyOf(questions), List.copyOf(bands));
    }

    static Definition parse(String json) {
        try (JsonReader reader = Jsonp.createReader(new java.io.StringReader(json))) {
            return parse(reader.readObject());
        }
    }

    public String id() {
        return current().id();
    }

    public String name() {
        return current().name();
    }

    public List<Question> questions() {
        return current().questions();
    }

    public List<Band> bands() {
        return current().bands();
    }

    /** Scores with the version in use. */
    public Result score(Map<String, Boolean> answers) {
        return current().score(answers);
    }
}
