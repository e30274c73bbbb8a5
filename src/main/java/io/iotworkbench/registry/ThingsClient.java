package io.iotworkbench.registry;

import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Things registry operations the Things pane needs over an AWS SDK {@link IotClient} (Local IoT Core or a real
 * account): list, details (groups, certificates, policies), create, replace attributes (UpdateThing, a PATCH), and
 * delete with the detach steps AWS requires first. Blocking: call off the FX thread. Thread-safe (the client is).
 */
public final class ThingsClient {

    private final IotClient iot;

    public ThingsClient(IotClient iot) {
        this.iot = iot;
    }

    /** Up to {@code limit} things. */
    public List<ThingRow> list(int limit) {
        List<ThingRow> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = iot.listThings(r -> r.maxResults(Math.min(250, limit)).nextToken(t));
            for (var a : page.things()) {
                out.add(new ThingRow(a.thingName(), a.thingTypeName(), a.attributes() == null ? Map.of()
                        : a.attributes(), a.version() == null ? 0 : a.version()));
            }
            token = page.nextToken();
        } while (token != null && out.size() < limit);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    public ThingDetails details(String thingName) {
        List<String> groups = new ArrayList<>();
        try {
            iot.listThingGroupsForThing(r -> r.thingName(thingName)).thingGroups()
                    .forEach(g -> groups.add(g.groupName()));
        } catch (ResourceNotFoundException e) {
            // no groups
        }
        List<ThingDetails.Certificate> certs = new ArrayList<>();
        for (String arn : iot.listThingPrincipals(r -> r.thingName(thingName)).principals()) {
            String id = arn.substring(arn.lastIndexOf('/') + 1);
            String status = "";
            try {
                status = iot.describeCertificate(r -> r.certificateId(id)).certificateDescription().statusAsString();
            } catch (ResourceNotFoundException e) {
                status = "not found";
            }
            List<String> policies = iot.listAttachedPolicies(r -> r.target(arn)).policies().stream()
                    .map(p -> p.policyName()).toList();
            certs.add(new ThingDetails.Certificate(arn, id, status, policies));
        }
        return new ThingDetails(thingName, groups, certs);
    }

    public void create(String name, String typeName, Map<String, String> attributes) {
        iot.createThing(r -> {
            r.thingName(name).attributePayload(a -> a.attributes(attributes));
            if (typeName != null && !typeName.isBlank()) {
                r.thingTypeName(typeName);
            }
        });
    }

    /** Replaces the thing's attributes with {@code attributes} (merge off). */
    public void replaceAttributes(String name, Map<String, String> attributes) {
        iot.updateThing(r -> r.thingName(name).attributePayload(a -> a.attributes(attributes).merge(false)));
    }

    /**
     * Deletes the thing: first detaches every principal (AWS refuses to delete a thing with attached principals)
     * and removes it from its groups. Returns the steps taken, for the pane to show.
     */
    public List<String> delete(String name) {
        List<String> steps = new ArrayList<>();
        for (String arn : iot.listThingPrincipals(r -> r.thingName(name)).principals()) {
            iot.detachThingPrincipal(r -> r.thingName(name).principal(arn));
            steps.add("Detached " + arn.substring(arn.lastIndexOf('/') + 1, Math.min(arn.length(),
                    arn.lastIndexOf('/') + 13)) + "…");
        }
        try {
            for (var g : iot.listThingGroupsForThing(r -> r.thingName(name)).thingGroups()) {
                iot.removeThingFromThingGroup(r -> r.thingGroupName(g.groupName()).thingName(name));
                steps.add("Removed from group " + g.groupName());
            }
        } catch (ResourceNotFoundException e) {
            // not in any group
        }
        iot.deleteThing(r -> r.thingName(name));
        steps.add("Deleted thing " + name);
        return steps;
    }
}
