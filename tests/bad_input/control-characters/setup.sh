# A right-to-left override in a heading (the heading has no translation, so its text is in a
# message too), a BEL in the Markdown and a left-to-right isolate in a JSON string (a raw control
# character in JSON is a syntax error already): warnings, and messages never carry them raw.
printf '## \xe2\x80\xaeabc\n\nText\x07.\n' >> content/regions/linhai/2023.zh.md
sed -i '6s/临海连续/临海\xe2\x81\xa6连续/' content/regions/linhai/region.json
