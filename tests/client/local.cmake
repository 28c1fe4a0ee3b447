# Tests of the client's local pieces: config and state files, credentials
# (environment, a real gnome-keyring on a private bus, the encrypted file),
# the clipboard (exact bytes, and a real tmux), and the orgdeck commands
# against a real orgdeckd.  Those that need no shared fixture do not link
# it, so that they build without orgdeckd.
foreach(name config credfile)
	add_executable(test_${name} test_${name}.c)
	target_link_libraries(test_${name} PRIVATE orgdeck-client
		PkgConfig::CRITERION)
	orgdeck_add_test(NAME client_${name} COMMAND test_${name}
		LABELS client)
endforeach()

# These start real daemons through the shared fixtures.
foreach(name keyring credential)
	add_executable(test_${name} test_${name}.c)
	target_link_libraries(test_${name} PRIVATE orgdeck-client
		orgdeck-testsupport PkgConfig::CRITERION)
	orgdeck_add_test(NAME client_${name} COMMAND test_${name}
		LABELS client)
endforeach()

# The clipboard test runs this inside a real tmux: it writes the sequence to
# its terminal, as the console would.
add_executable(clipboard_emit clipboard_emit.c)
target_link_libraries(clipboard_emit PRIVATE orgdeck-client)
add_executable(test_clipboard test_clipboard.c)
target_link_libraries(test_clipboard PRIVATE orgdeck-client
	PkgConfig::CRITERION)
target_compile_definitions(test_clipboard PRIVATE
	CLIPBOARD_EMIT_PATH="$<TARGET_FILE:clipboard_emit>")
add_dependencies(test_clipboard clipboard_emit)
orgdeck_add_test(NAME client_clipboard COMMAND test_clipboard LABELS client)

# orgdeck info/login/logout/profiles, run as a process: this helper is the
# part of main() that hands the command line to commands_run().
add_executable(commands_main commands_main.c)
target_link_libraries(commands_main PRIVATE orgdeck-client)
add_executable(test_commands test_commands.c)
target_link_libraries(test_commands PRIVATE orgdeck-client orgdeck-testsupport
	PkgConfig::CRITERION)
target_compile_definitions(test_commands PRIVATE
	COMMANDS_MAIN_PATH="$<TARGET_FILE:commands_main>")
add_dependencies(test_commands commands_main)
orgdeck_add_test(NAME client_commands COMMAND test_commands LABELS client)
