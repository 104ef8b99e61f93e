package dev.helpdesk.customer;

import dev.helpdesk.common.Check;

/**
 * The application's id for a customer organisation (a company whose employees open tickets). A
 * customer belongs to at most one; a desk built with {@code
 * HelpDeskBuilder#customersSeeOrganisation(true)} lets a customer read the tickets of their
 * organisation.
 *
 * @param value at most {@value #MAX_LENGTH} characters, single line
 */
public record OrganisationId(String value) {

  /** The longest organisation id accepted. */
  public static final int MAX_LENGTH = 128;

  /** Validates the id. */
  public OrganisationId {
    Check.line("organisation", value, MAX_LENGTH);
  }

  /** Wraps {@code value}. */
  public static OrganisationId of(String value) {
    return new OrganisationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
