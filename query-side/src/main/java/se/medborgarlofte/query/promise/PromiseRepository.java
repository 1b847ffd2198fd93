package se.medborgarlofte.query.promise;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface PromiseRepository extends MongoRepository<PromiseDocument, String> {
}
