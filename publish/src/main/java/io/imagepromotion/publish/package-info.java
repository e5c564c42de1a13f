/**
 * The first push of a locally built image through a Docker-compatible engine, pinned to the digest the registry
 * serves: {@code docker tag} + {@code docker push} + a registry lookup, over docker-java. No Jenkins types.
 *
 * <p>Use: {@code new ImagePublisher(settings, listener).publish(PublishRequest.of(localImage, target, dockerHost))}
 * returns a {@link io.imagepromotion.publish.PublishResult} whose {@code pinned()} is {@code host/repo@sha256:...}.
 * The {@link io.imagepromotion.core.transport.TransportSettings} credentials for the target registry go to the engine
 * as {@code X-Registry-Auth} and are used again for the registry lookup, so both see the same identity.
 *
 * <p>From a Jenkins step: the engine is on the agent, so run the publish in a {@code MasterToSlaveCallable}. Carry only
 * serializable values across: the local image and target as strings, the explicit docker host (or null), the build's
 * environment ({@code EnvVars}, for {@code DOCKER_HOST}) and a {@link io.imagepromotion.core.auth.Credential}
 * snapshot; build everything else on the agent:
 * <pre>{@code
 * public String call() {
 *     DockerHost host = DockerHost.resolve(dockerHost, "dockerHost", environment);
 *     PublishRequest request = PublishRequest.of(image, target, host);
 *     TransportSettings settings = TransportSettings.builder()
 *             .credentials(StaticCredentials.single(request.target().registry(), credential)).build();
 *     PublishListener log = new PublishListener() {
 *         public void pushStatus(String line) { logger.println(line); }   // TaskListener's PrintStream
 *         public void warning(String message) { logger.println("warning: " + message); }
 *     };
 *     return new ImagePublisher(settings, log).publish(request).pinned().toString();
 * }
 * }</pre>
 * Every failure is an {@link io.imagepromotion.core.error.ImagePromotionException}: {@code InvalidInputException} for
 * a bad reference or docker host, {@link io.imagepromotion.publish.EngineUnavailableException},
 * {@link io.imagepromotion.publish.LocalImageNotFoundException}, {@link io.imagepromotion.publish.PushFailedException},
 * or the core's registry errors from the lookup; their messages carry no secret and suit an
 * {@code AbortException}.
 */
package io.imagepromotion.publish;
