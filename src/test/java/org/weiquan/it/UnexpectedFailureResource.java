package org.weiquan.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint (only in the test deployment): fails the way a bug would, with personal data in the message. */
@Path("it/unexpected-failure")
public class UnexpectedFailureResource {

    @GET
    public String fail() {
        throw new IllegalStateException("a bug that quotes the phone 13812345678");
    }
}
