"""``python -m rotation``: the same as the ``rotation`` command."""

from rotation.cli import main

if __name__ == "__main__":
    main()
