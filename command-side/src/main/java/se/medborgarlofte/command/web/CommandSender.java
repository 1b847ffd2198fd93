package se.medborgarlofte.command.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import se.medborgarlofte.events.EventMetadataKeys;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Sends a command with who caused it, why, and the correlation id as metadata, and waits for the result. */
@Component
public class CommandSender {

    private final CommandGateway gateway;

    CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** The correlation id is the client's ({@code X-Correlation-Id}) or, without one, the command's own id. */
    public <R> R send(Object command, Actor actor, String reason) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command);
        MetaData metaData = actor.toMetaData(reason);
        if (!metaData.containsKey(EventMetadataKeys.CORRELATION_ID)) {
            metaData = metaData.and(EventMetadataKeys.CORRELATION_ID, message.getIdentifier());
        }
        return gateway.sendAndWait(message.andMetaData(metaData));
    }
}
