package dev.helpdesk.jpa.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of {@code hd_customer}. {@code saved_seq} is drawn from a sequence on every save, so that
 * "the most recently saved customer with this address" is the one with the highest number,
 * whichever instance saved it.
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

  protected CustomerEntity() {}
}
