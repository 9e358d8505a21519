from pmroles.cli import main

main()
