/**
 * Test fixtures for image-promotion, independent of the core module: real {@code docker-registry} processes
 * ({@link io.imagepromotion.testkit.RegistryServer}) with plain HTTP, htpasswd over TLS
 * ({@link io.imagepromotion.testkit.TestCertificates}) or bearer tokens ({@link io.imagepromotion.testkit.TokenServer});
 * generated images in OCI layouts ({@link io.imagepromotion.testkit.TestImages}); independent clients to seed and
 * check registries ({@link io.imagepromotion.testkit.Skopeo}, {@link io.imagepromotion.testkit.LayoutUploader}); and a
 * real Docker-compatible engine ({@link io.imagepromotion.testkit.PodmanService}).
 *
 * <p>Needs {@code docker-registry} (distribution 2.8.2), {@code skopeo}, {@code openssl} and {@code htpasswd} on PATH;
 * {@code podman} too for {@link io.imagepromotion.testkit.PodmanService}.
 */
package io.imagepromotion.testkit;
