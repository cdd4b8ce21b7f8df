package org.weiquan.protection;

import org.weiquan.casefile.RiskLevel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The domestic-violence danger assessment instrument from {@code seeds/risk-instrument.json}: questions
 * with weights, critical questions, and LOW/MEDIUM/HIGH bands by score. A federation swaps the file to
 * use its own instrument.
 */
@ApplicationScoped
public class RiskInstrument {

    static final String RESOURCE = "seeds/risk-instrument.json";

    public record Question(String id, String text, int weight, boolean critical) {
    }

    public record Band(RiskLevel level, int from) {
    }

    public record Result(int score, RiskLevel level, List<String> criticalYes) {
    }

    private volatile JsonObject definition;

    private JsonObject definition() {
        if (definition == null) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE);
                 JsonReader reader = Json.createReader(in)) {
                definition = reader.readObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return definition;
    }

    public String id() {
        return definition().getString("id");
    }

    public String name() {
        return definition().getString("name");
    }

    public List<Question> questions() {
        List<Question> list = new ArrayList<>();
        for (JsonObject q : definition().getJsonArray("questions").getValuesAs(JsonObject.class)) {
            list.add(new Question(q.getString("id"), q.getString("text"), q.getInt("weight"),
                    q.getBoolean("critical", false)));
        }
        return list;
    }

    public List<Band> bands() {
        List<Band> list = new ArrayList<>();
        for (JsonObject b : definition().getJsonArray("bands").getValuesAs(JsonObject.class)) {
            list.add(new Band(RiskLevel.valueOf(b.getString("level")), b.getInt("from")));
        }
        return list;
    }

    /** Scores yes/no answers by question id; every question must be answered. */
    public Result score(Map<String, Boolean> answers) {
        int score = 0;
        List<String> critical = new ArrayList<>();
        for (Question q : questions()) {
            if (Boolean.TRUE.equals(answers.get(q.id()))) {
                score += q.weight();
                if (q.critical()) {
                    critical.add(q.id());
                }
            }
        }
        RiskLevel level = RiskLevel.LOW;
        for (Band b : bands()) {
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
