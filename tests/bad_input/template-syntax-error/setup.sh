# An unclosed section in the real region template, at line 3.
sed -i '3i {{#oops}}' templates/region.html
