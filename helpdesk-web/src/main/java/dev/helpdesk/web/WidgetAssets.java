package dev.helpdesk.web;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the customer widget's and the agent console's static files ({@code helpdesk-widget.js},
 * {@code helpdesk-console.js}) from {@code assets/} beside this class at {@code
 * <base-path>/assets/}. They hold no data, so anyone may read them (the filter chain opens this
 * path to GET only) and caches may keep them for an hour; the {@code Last-Modified} of the jar
 * entry lets a browser revalidate cheaply after that.
 */
final class WidgetAssets implements WebMvcConfigurer {

  /** How long browsers and shared caches may keep a file without asking again. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  private final String basePath;

  WidgetAssets(String basePath) {
    this.basePath = basePath;
  }

  /** The path pattern of the files under the given base path. */
  static String pattern(String basePath) {
    return basePath + "/assets/**";
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler(pattern(basePath))
        .addResourceLocations("classpath:/dev/helpdesk/web/assets/")
        .setCacheControl(CacheControl.maxAge(MAX_AGE).cachePublic());
  }
}
