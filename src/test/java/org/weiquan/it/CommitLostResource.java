package org.weiquan.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Test-only endpoint (only in the test deployment): a request whose commit cannot reach the database. */
@Path("it/commit-lost")
public class CommitLostResource {

    @Inject
    CommitLost enterpriseBean;

    @Inject
    CommitLost.Transactional cdiBean;

    @POST
    @Path("{kind}")
    public Response workThenLoseTheConnection(@PathParam("kind") String kind) throws Exception {
        if (kind.equals("transactional")) {
            cdiBean.workThenLoseTheConnection();
        } else {
            enterpriseBean.workThenLoseTheConnection();
        }
        return Response.noContent().build();
    }
}
