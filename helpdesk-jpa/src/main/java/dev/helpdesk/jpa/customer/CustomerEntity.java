package dev.helpdesk.jpa.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of {@code hd_customer}. {@code saved_seq} is drawn from a sequence on every save, so it
 * orders saves across instances; lookups no longer depend on it (an address several customers share
 * finds none of them), but the schema keeps the column.
 */
@Entity(name = "HdCustomer")
@Table(name = "hd_customer")
class CustomerEntity {

  @Id
  @Column(name = "customer_id", nullable = false, length = 128)
  String id;

  @Column(name = "name", nullable = false, length = 200)
  String name;

  @Column(name = "email", nullable = false, length = 254)
  String email;

  @Column(name = "saved_seq", nullable = false)
  long savedSeq;

  /** Null for a customer in no organisation. */
  @Column(name = "organisation_id", length = 128)
  String organisation;

  protected CustomerEntity() {}
}
