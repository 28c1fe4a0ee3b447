# Screen tests of the console's keys, resources, activity, projects,
# paging (G) and sign-in screens: orgdeck in a pty in script mode (and the
# key copy under a private tmux server), each against a real seeded orgdeckd.
foreach(name keys resources projects activity signin paging)
	add_executable(test_tui_${name} test_${name}.c demo.c)
	target_link_libraries(test_tui_${name} PRIVATE orgdeck-testsupport
		orgdeck-core PkgConfig::CRITERION)
	orgdeck_add_test(NAME tui_${name} COMMAND test_tui_${name} LABELS tui)
endforeach()
