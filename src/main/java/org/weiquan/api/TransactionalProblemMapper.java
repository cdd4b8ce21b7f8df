package org.weiquan.api;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} bean whose commit fails throws a TransactionalException, and Jersey brings a mapper of
 * its own for that type, closer than {@link ProblemMapper}'s: it throws again, and the client got a bare 500 even
 * when the database had only restarted. Mapped here as every other failure is (503 with Retry-After for that).
 */
@Provider
@Priority(1) // before Jersey's own mapper of the same type
public class TransactionalProblemMapper implements ExceptionMapper<TransactionalException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(TransactionalException thrown) {
        return ProblemMapper.forRequest(request).toResponse(thrown);
    }
}
