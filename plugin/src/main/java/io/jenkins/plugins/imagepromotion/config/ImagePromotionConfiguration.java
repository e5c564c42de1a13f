package io.jenkins.plugins.imagepromotion.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import io.imagepromotion.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Manage Jenkins » System » Image promotion: per registry host, the default credentials id and the TLS settings,
 * so most steps need no {@code credentialsId}. Also configurable as code ({@code unclassified: imagePromotion:
 * registries: - host: …}).
 */
@Extension
@Symbol("imagePromotion")
public final class ImagePromotionConfiguration extends GlobalConfiguration {
    private List<RegistryEntry> registries = new ArrayList<>();

    public ImagePromotionConfiguration() {
        load();
    }

    public static ImagePromotionConfiguration get() {
        return ExtensionList.lookupSingleton(ImagePromotionConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Image promotion";
    }

    public List<RegistryEntry> getRegistries() {
        return registries == null ? List.of() : List.copyOf(registries);
    }

    @DataBoundSetter
    public void setRegistries(List<RegistryEntry> registries) {
        this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<RegistryEntry> before = getRegistries();
        if (!json.has("registries")) {
            // An empty repeatable list is not submitted at all; without this the last entry could not be deleted.
            registries = new ArrayList<>();
        }
        req.bindJSON(this, json);
        try {
            directory();
        } catch (InvalidInputException e) {
            registries = new ArrayList<>(before);
            save();
            throw new FormException(e.getMessage(), "registries");
        }
        save();
        return true;
    }

    /** The validated settings. @throws InvalidInputException when an entry is invalid or a host is listed twice */
    public RegistryDirectory directory() {
        List<RegistrySettings> settings = new ArrayList<>();
        for (RegistryEntry entry : getRegistries()) {
            settings.add(entry.toSettings());
        }
        return RegistryDirectory.of(settings);
    }
}
