<script>
(function () {
  var box = document.getElementById("rule-filter"), select = document.getElementById("rule");
  if (!box || !select) return;
  box.hidden = false;
  function apply() {
    var items = document.querySelectorAll(".item");
    for (var i = 0; i < items.length; i++) {
      items[i].hidden = select.value !== "" && items[i].getAttribute("data-rule") !== select.value;
    }
  }
  select.addEventListener("change", apply);
  // A link may name the rule: report.html?rule=fdi-growth
  var m = /[?&]rule=([^&#]*)/.exec(window.location.search);
  if (m) { try { select.value = decodeURIComponent(m[1]); apply(); } catch (e) {} }
})();
</script>
