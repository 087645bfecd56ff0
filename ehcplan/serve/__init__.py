"""The browser editor (``ehcplan serve``): a local web app over a folder of plans.

``app`` has the pages and the JSON API, ``security`` the checks every request passes first,
``forms`` turns the editor's fields into plan data and back, ``storage`` keeps names inside
the folder and saves safely, and ``yaml_merge`` puts values into the YAML keeping comments.
"""
