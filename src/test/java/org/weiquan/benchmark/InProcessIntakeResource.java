package org.weiquan.benchmark;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.DuplicatesFound;
import org.weiquan.intake.IntakeService;

/**
 * The benchmark's in-process intake: one request holds one worker, which calls {@link IntakeService#register} (the
 * duplicate check on) again and again for {@code millis}, as the logged-in caller, each call its own transaction as
 * from the REST resource. What it leaves out against {@code POST /api/contacts} is HTTP, the token's check, JSON and
 * the Idempotency-Key, so the two rows of the table side by side say what those cost.
 *
 * <p>Only in the WAR that {@link WorkloadBenchmark} builds for its node (the shipped WAR plus this class and
 * {@link ContactBodies} with its {@link org.weiquan.intake.RealisticNames}); never in {@code target/weiquan.war}.
 */
@Path("benchmark/intake")
public class InProcessIntakeResource {

    /** A bound on a worker's loop, far above a burst's need: the fastest measured was under 100 a second per worker. */
    private static final int MOST = 20_000;

    @Inject
    IntakeService intake;

    /**
     * Registers contacts drawn from {@code seed} at {@code station} until {@code millis} have passed; answers the
     * burst's seconds, each call's nanoseconds and the outcomes.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String register(@QueryParam("station") String station, @QueryParam("seed") long seed,
                           @QueryParam("millis") long millis) {
        ContactBodies bodies = new ContactBodies(seed, station);
        JsonArrayBuilder latencies = Json.createArrayBuilder();
        int registered = 0;
        int duplicates = 0;
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        for (int i = 0; i < MOST && System.nanoTime() < deadline; i++) {
            // drawn one at a time: drawing a whole burst's first took CPU from the workers already measuring
            ContactRegistration next = bodies.nextRegistration();
            long t0 = System.nanoTime();
            try {
                intake.register(next);
                registered++;
            } catch (DuplicatesFound e) {
                duplicates++;
            }
            latencies.add(System.nanoTime() - t0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return Json.createObjectBuilder().add("seconds", seconds).add("registered", registered)
                .add("duplicates", duplicates).add("latenciesNanos", latencies).build().toString();
    }
}
