/**
 * Change relays over the desk's database, for several instances of an application sharing it:
 * {@link dev.helpdesk.jpa.live.PostgreSqlChangeRelay} ({@code LISTEN}/{@code NOTIFY}) and {@link
 * dev.helpdesk.jpa.live.PollingChangeRelay} (MariaDB, H2, or any database the adapters support).
 * Build them with {@code JpaHelpDeskStore.changeRelay(dataSource, settings)}.
 */
package dev.helpdesk.jpa.live;
