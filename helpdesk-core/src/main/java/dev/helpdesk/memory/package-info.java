/**
 * Thread-safe in-memory adapters of every port: the embedded default, and the reference
 * implementations the contract suites are written against.
 */
package dev.helpdesk.memory;
