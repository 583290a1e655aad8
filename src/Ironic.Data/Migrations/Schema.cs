namespace Ironic.Data.Migrations;

/// <summary>The schema history, oldest first.</summary>
internal static class Schema
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial: nodes, ports, portgroups, chassis, conductors", Initial),
        new(2, "conductor_hardware_interfaces: what each conductor's drivers offer", HardwareInterfaces),
        new(3, "node_history and bios_settings", HistoryAndBios),
        new(4, "node_inventory: what in-band inspection found", NodeInventory),
    ];

    // One row per node (the last inspection's), deleted with the node; both documents are JSON text.
    private const string NodeInventory = """
        CREATE TABLE node_inventory (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            node_uuid TEXT NOT NULL UNIQUE REFERENCES nodes(uuid),
            inventory_data TEXT NOT NULL,
            plugin_data TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        """;

    // History rows outlive nothing: they go with their node (IronicStore.DestroyNodeAsync).
    private const string HistoryAndBios = """
        CREATE TABLE node_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            node_uuid TEXT NOT NULL,
            conductor TEXT,
            event_type TEXT NOT NULL,
            severity TEXT NOT NULL,
            event TEXT NOT NULL,
            user TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE INDEX node_history_node ON node_history (node_uuid, id);

        CREATE TABLE bios_settings (
            node_uuid TEXT NOT NULL REFERENCES nodes(uuid),
            name TEXT NOT NULL,
            value TEXT,
            registry TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT,
            PRIMARY KEY (node_uuid, name)
        );
        """;

    // One row per (conductor, hardware type, kind, implementation) enabled and supported there.
    private const string HardwareInterfaces = """
        CREATE TABLE conductor_hardware_interfaces (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conductor_hostname TEXT NOT NULL REFERENCES conductors(hostname) ON DELETE CASCADE,
            hardware_type TEXT NOT NULL,
            interface_type TEXT NOT NULL,
            interface_name TEXT NOT NULL,
            is_default INTEGER NOT NULL DEFAULT 0,
            UNIQUE (conductor_hostname, hardware_type, interface_type, interface_name)
        );
        CREATE INDEX conductor_hardware_interfaces_type ON conductor_hardware_interfaces (hardware_type);
        """;

    // Timestamps are UTC ISO 8601 text with a fixed width, so text order is time order.
    // Dictionaries are JSON text. Resources refer to each other by UUID, which never changes.
    private const string Initial = """
        CREATE TABLE chassis (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            description TEXT,
            extra TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT
        );

        CREATE TABLE conductors (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            hostname TEXT NOT NULL UNIQUE,
            drivers TEXT,
            online INTEGER NOT NULL DEFAULT 1,
            conductor_group TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT
        );

        CREATE TABLE nodes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT UNIQUE,
            driver TEXT NOT NULL,
            driver_info TEXT,
            driver_internal_info TEXT,
            extra TEXT,
            properties TEXT,
            instance_info TEXT,
            instance_uuid TEXT UNIQUE,
            chassis_uuid TEXT REFERENCES chassis(uuid),
            power_state TEXT,
            target_power_state TEXT,
            provision_state TEXT,
            target_provision_state TEXT,
            provision_updated_at TEXT,
            last_error TEXT,
            maintenance INTEGER NOT NULL DEFAULT 0,
            maintenance_reason TEXT,
            fault TEXT,
            console_enabled INTEGER NOT NULL DEFAULT 0,
            reservation TEXT,
            reservation_purpose TEXT,
            reserved_at TEXT,
            inspection_started_at TEXT,
            inspection_finished_at TEXT,
            clean_step TEXT,
            deploy_step TEXT,
            service_step TEXT,
            raid_config TEXT,
            target_raid_config TEXT,
            resource_class TEXT,
            bios_interface TEXT,
            boot_interface TEXT,
            console_interface TEXT,
            deploy_interface TEXT,
            firmware_interface TEXT,
            inspect_interface TEXT,
            management_interface TEXT,
            network_interface TEXT,
            power_interface TEXT,
            raid_interface TEXT,
            rescue_interface TEXT,
            storage_interface TEXT,
            vendor_interface TEXT,
            conductor_group TEXT NOT NULL DEFAULT '',
            traits TEXT,
            automated_clean INTEGER,
            protected INTEGER NOT NULL DEFAULT 0,
            protected_reason TEXT,
            owner TEXT,
            lessee TEXT,
            description TEXT,
            allocation_uuid TEXT,
            retired INTEGER NOT NULL DEFAULT 0,
            retired_reason TEXT,
            network_data TEXT,
            boot_mode TEXT,
            secure_boot INTEGER,
            shard TEXT,
            parent_node TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE INDEX nodes_provision_state ON nodes (provision_state);
        CREATE INDEX nodes_driver ON nodes (driver);
        CREATE INDEX nodes_reservation ON nodes (reservation);
        CREATE INDEX nodes_owner ON nodes (owner);
        CREATE INDEX nodes_lessee ON nodes (lessee);
        CREATE INDEX nodes_chassis ON nodes (chassis_uuid);

        CREATE TABLE portgroups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT UNIQUE,
            address TEXT UNIQUE,
            node_uuid TEXT NOT NULL REFERENCES nodes(uuid),
            extra TEXT,
            internal_info TEXT,
            standalone_ports_supported INTEGER NOT NULL DEFAULT 1,
            mode TEXT,
            properties TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE INDEX portgroups_node ON portgroups (node_uuid);

        CREATE TABLE ports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            address TEXT NOT NULL UNIQUE,
            node_uuid TEXT NOT NULL REFERENCES nodes(uuid),
            portgroup_uuid TEXT REFERENCES portgroups(uuid),
            extra TEXT,
            internal_info TEXT,
            local_link_connection TEXT,
            pxe_enabled INTEGER NOT NULL DEFAULT 1,
            physical_network TEXT,
            is_smartnic INTEGER NOT NULL DEFAULT 0,
            name TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE INDEX ports_node ON ports (node_uuid);
        CREATE INDEX ports_portgroup ON ports (portgroup_uuid);
        """;
}
