// TUI: see Package.swift for what this target owns.
