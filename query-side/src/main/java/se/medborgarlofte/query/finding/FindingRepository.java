package se.medborgarlofte.query.finding;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;

public interface FindingRepository extends MongoRepository<FindingDocument, String> {

    List<FindingDocument> findByPromiseId(String promiseId);
}
