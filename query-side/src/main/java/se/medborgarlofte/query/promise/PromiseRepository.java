package se.medborgarlofte.query.promise;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;

public interface PromiseRepository extends MongoRepository<PromiseDocument, String> {

    /** The promises that renew {@code promiseId}: the link seen from the earlier period. */
    List<PromiseDocument> findByRenewedFrom(String promiseId);
}
