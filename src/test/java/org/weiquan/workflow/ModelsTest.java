package org.weiquan.workflow;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Escalation;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models open cleanly in the Camunda Modeler and read like the station's procedure: every element is drawn (a
 * collapsed sub-process on a plane of its own), nothing overlaps, ids follow the conventions, every user task has a
 * form and an owner, every delegate is a CDI bean.
 */
class ModelsTest {

    private static final Pattern ID = Pattern.compile(
            "^(StartEvent|EndEvent|Task|ServiceTask|CallActivity|Gateway|Timer|SubProcess|Flow|EventSubProcess|Boundary|Event|Message|Escalation|Error)_[A-Z][A-Za-z]+$");
    private static final Pattern FORM_KEY = Pattern.compile("^weiquan:[a-z]+(-[a-z]+)*$");
    private static final Pattern CANDIDATE_GROUP =
            Pattern.compile("^station:\\$\\{(stationCode|escalationStationCode)}:(intake|mediator|supervisor)$");
    private static final Pattern DELEGATE = Pattern.compile("^\\$\\{[a-z][A-Za-z]+}$");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    /** Every model in {@code bpmn/}. */
    static Stream<String> models() {
        return Stream.of("ContactReview", "CaseHandling", "MandatoryReport", "DangerAssessment", "ProtectionOrder",
                "JudicialConfirmation", "Review", "Referral", "Escalation");
    }

    private static BpmnModelInstance read(String processId) throws IOException {
        try (InputStream in = ModelsTest.class.getResourceAsStream("/bpmn/" + processId + ".bpmn")) {
            assertThat(in).as("bpmn/" + processId + ".bpmn on the class path").isNotNull();
            return Bpmn.readModelFromStream(in);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void theFileIsNamedAfterItsDocumentedProcessKeptForFiveYears(String processId) throws IOException {
        BpmnModelInstance model = read(processId);
        Bpmn.validateModel(model);

        Process process = model.getModelElementById(processId);
        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getName()).containsPattern(CHINESE);
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("1825");
        assertThat(process.getDocumentations()).extracting(Documentation::getTextContent)
                .singleElement().asString().contains("art.");
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyFlowNodeAndSequenceFlowIsDrawnExactlyOnce(String processId) throws IOException {
        BpmnModelInstance model = read(processId);
        Map<String, Integer> shapes = new HashMap<>();
        model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.merge(s.getBpmnElement().getId(), 1, Integer::sum));
        Map<String, Integer> edges = new HashMap<>();
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.merge(e.getBpmnElement().getId(), 1, Integer::sum));

        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes.get(node.getId())).as("shapes of " + node.getId()).isEqualTo(1);
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges.get(flow.getId())).as("edges of " + flow.getId()).isEqualTo(1);
            assertThat(waypoints(model, flow)).as("waypoints of " + flow.getId()).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(shapes.keySet()).as("every shape draws a flow node")
                .allSatisfy(id -> assertThat((Object) model.getModelElementById(id)).isInstanceOf(FlowNode.class));
    }

    @ParameterizedTest
    @MethodSource("models")
    void idsSayWhatAnElementIs(String processId) throws IOException {
        BpmnModelInstance model = read(processId);

        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getId()).as(node.getElementType().getTypeName()).matches(ID).startsWith(expectedPrefix(node) + "_");
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(flow.getId()).matches(ID).startsWith("Flow_");
        }
        for (Message message : model.getModelElementsByType(Message.class)) {
            assertThat(message.getId()).isEqualTo("Message_" + message.getName());
        }
        for (Escalation escalation : model.getModelElementsByType(Escalation.class)) {
            assertThat(escalation.getId()).matches(ID).startsWith("Escalation_");
        }
        for (org.camunda.bpm.model.bpmn.instance.Error error : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Error.class)) {
            assertThat(error.getId()).isEqualTo("Error_" + error.getErrorCode());
        }
    }

    private static String expectedPrefix(FlowNode node) {
        if (node instanceof UserTask) return "Task";
        if (node instanceof ServiceTask) return "ServiceTask";
        if (node instanceof CallActivity) return "CallActivity";
        if (node instanceof Gateway) return "Gateway";
        if (node instanceof SubProcess sub) return sub.triggeredByEvent() ? "EventSubProcess" : "SubProcess";
        if (node instanceof StartEvent) return "StartEvent";
        if (node instanceof EndEvent) return "EndEvent";
        if (node instanceof CatchEvent catchEvent && !catchEvent.getEventDefinitions().isEmpty()
                && catchEvent.getEventDefinitions().iterator().next() instanceof TimerEventDefinition) return "Timer";
        if (node instanceof BoundaryEvent) return "Boundary";
        return "Event";
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyStepTimerAndOutcomeHasAChineseNameForTheDiagram(String processId) throws IOException {
        BpmnModelInstance model = read(processId);

        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            boolean mayBeUnnamed = node instanceof Gateway && node.getOutgoing().size() == 1      // a join
                    || node instanceof Gateway && node.getIncoming().size() == 1 && !(node instanceof ExclusiveGateway) // a parallel split
                    || node instanceof StartEvent && node.getParentElement() instanceof SubProcess sub && !sub.triggeredByEvent();
            if (!mayBeUnnamed) {
                assertThat(node.getName()).as("name of " + node.getId()).isNotNull().containsPattern(CHINESE);
            }
        }
        for (CatchEvent timer : model.getModelElementsByType(CatchEvent.class)) {
            if (timer.getId().startsWith("Timer_")) {
                assertThat(timer.getDocumentations()).as("documentation of " + timer.getId()).isNotEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyDecisionHasNamedConditionalOrDefaultFlows(String processId) throws IOException {
        BpmnModelInstance model = read(processId);

        for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
            if (!(gateway instanceof ExclusiveGateway || gateway instanceof InclusiveGateway) || gateway.getOutgoing().size() < 2) {
                continue;
            }
            SequenceFlow defaultFlow = gateway instanceof ExclusiveGateway x ? x.getDefault() : ((InclusiveGateway) gateway).getDefault();
            for (SequenceFlow flow : gateway.getOutgoing()) {
                assertThat(flow.getName()).as("name of " + flow.getId()).isNotBlank();
                if (flow != defaultFlow) {
                    assertThat(flow.getConditionExpression()).as("condition of " + flow.getId()).isNotNull();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyUserTaskHasAFormAndAnOwnerAndEveryDelegateIsABean(String processId) throws IOException {
        BpmnModelInstance model = read(processId);
        Set<String> formKeys = new HashSet<>();

        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaFormKey()).as("form of " + task.getId()).matches(FORM_KEY);
            assertThat(formKeys.add(task.getCamundaFormKey())).as("one form per task: " + task.getCamundaFormKey()).isTrue();
            String groups = task.getCamundaCandidateGroups();
            String assignee = task.getCamundaAssignee();
            assertThat(groups != null || assignee != null).as("owner of " + task.getId()).isTrue();
            if (groups != null) {
                assertThat(groups.split(",")).as("groups of " + task.getId()).allMatch(g -> CANDIDATE_GROUP.matcher(g).matches());
            }
            if (assignee != null) {
                assertThat(assignee).as("assignee of " + task.getId()).isEqualTo("${mediator}");
            }
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.getCamundaDelegateExpression()).as("delegate of " + task.getId()).matches(DELEGATE);
            assertThat(task.getCamundaClass()).isNull();
            assertThat(task.getCamundaExpression()).isNull();
        }
    }

    // ------------------------------------------------------------------ geometry

    @ParameterizedTest
    @MethodSource("models")
    void childrenAreDrawnInsideTheirSubProcessAndBoundaryEventsOnTheirHostsBorder(String processId) throws IOException {
        BpmnModelInstance model = read(processId);
        Map<String, Rectangle2D> shapes = shapeBounds(model);

        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            Rectangle2D bounds = shapes.get(node.getId());
            if (node instanceof BoundaryEvent boundary) {
                Rectangle2D host = shapes.get(boundary.getAttachedTo().getId());
                double cx = bounds.getCenterX();
                double cy = bounds.getCenterY();
                boolean onVerticalBorder = (Math.abs(cx - host.getMinX()) < 1 || Math.abs(cx - host.getMaxX()) < 1)
                        && cy >= host.getMinY() && cy <= host.getMaxY();
                boolean onHorizontalBorder = (Math.abs(cy - host.getMinY()) < 1 || Math.abs(cy - host.getMaxY()) < 1)
                        && cx >= host.getMinX() && cx <= host.getMaxX();
                assertThat(onVerticalBorder || onHorizontalBorder).as(node.getId() + " on the border of its host").isTrue();
            } else if (node.getParentElement() instanceof SubProcess parent) {
                if (plane(model, parent.getId()).equals(plane(model, node.getId()))) {
                    assertThat(shapes.get(parent.getId()).contains(bounds)).as(node.getId() + " inside " + parent.getId()).isTrue();
                } else {
                    assertThat(plane(model, node.getId())).as(node.getId() + " on the plane of its collapsed " + parent.getId())
                            .isEqualTo(parent.getId());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void noShapeOverlapsAnother(String processId) throws IOException {
        BpmnModelInstance model = read(processId);
        Map<String, Rectangle2D> shapes = shapeBounds(model);
        List<FlowNode> nodes = new ArrayList<>(model.getModelElementsByType(FlowNode.class));

        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                FlowNode a = nodes.get(i);
                FlowNode b = nodes.get(j);
                if (related(a, b) || related(b, a) || !plane(model, a.getId()).equals(plane(model, b.getId()))) {
                    continue;
                }
                assertThat(overlap(shapes.get(a.getId()), shapes.get(b.getId()))).as(a.getId() + " overlaps " + b.getId()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void flowsRunAtRightAnglesFromTheirSourceToTheirTargetAndCrossNoOtherShape(String processId) throws IOException {
        BpmnModelInstance model = read(processId);
        Map<String, Rectangle2D> shapes = shapeBounds(model);

        java.util.Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            List<Waypoint> points = waypoints(model, flow);
            Waypoint first = points.get(0);
            Waypoint last = points.get(points.size() - 1);
            assertThat(onBorder(shapes.get(flow.getSource().getId()), first.getX(), first.getY()))
                    .as(flow.getId() + " leaves " + flow.getSource().getId()).isTrue();
            assertThat(onBorder(shapes.get(flow.getTarget().getId()), last.getX(), last.getY()))
                    .as(flow.getId() + " reaches " + flow.getTarget().getId()).isTrue();
            for (int i = 1; i < points.size(); i++) {
                Waypoint from = points.get(i - 1);
                Waypoint to = points.get(i);
                assertThat(from.getX().equals(to.getX()) || from.getY().equals(to.getY())).as(flow.getId() + " is orthogonal").isTrue();
                for (FlowNode other : nodes) {
                    if (other == flow.getSource() || other == flow.getTarget()
                            || isAncestor(other, flow.getSource()) || isAncestor(other, flow.getTarget())
                            || !plane(model, other.getId()).equals(plane(model, flow.getSource().getId()))) {
                        continue;
                    }
                    Rectangle2D inner = shrink(shapes.get(other.getId()), 2);
                    assertThat(inner.intersectsLine(from.getX(), from.getY(), to.getX(), to.getY()))
                            .as(flow.getId() + " crosses " + other.getId()).isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void labelsCoverNoShapeAndNoOtherLabel(String processId) throws IOException {
        BpmnModelInstance model = read(processId);
        Map<String, Rectangle2D> shapes = shapeBounds(model);
        Map<String, Rectangle2D> labels = new HashMap<>();
        model.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnLabel() != null)
                .forEach(s -> labels.put(s.getBpmnElement().getId(), rectangle(s.getBpmnLabel())));
        model.getModelElementsByType(BpmnEdge.class).stream().filter(e -> e.getBpmnLabel() != null)
                .forEach(e -> labels.put(e.getBpmnElement().getId(), rectangle(e.getBpmnLabel())));

        for (Map.Entry<String, Rectangle2D> label : labels.entrySet()) {
            BaseElement owner = model.getModelElementById(label.getKey());
            FlowNode scope = owner instanceof SequenceFlow flow ? flow.getSource() : (FlowNode) owner;
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                if (node == owner || isAncestor(node, scope) || (owner instanceof SequenceFlow && node == scope)
                        || !plane(model, node.getId()).equals(plane(model, scope.getId()))) {
                    continue;
                }
                assertThat(overlap(label.getValue(), shapes.get(node.getId())))
                        .as("label of " + label.getKey() + " covers " + node.getId()).isFalse();
            }
            for (Map.Entry<String, Rectangle2D> other : labels.entrySet()) {
                BaseElement otherOwner = model.getModelElementById(other.getKey());
                FlowNode otherScope = otherOwner instanceof SequenceFlow f ? f.getSource() : (FlowNode) otherOwner;
                if (!other.getKey().equals(label.getKey())
                        && plane(model, otherScope.getId()).equals(plane(model, scope.getId()))) {
                    assertThat(overlap(label.getValue(), other.getValue()))
                            .as("label of " + label.getKey() + " covers the label of " + other.getKey()).isFalse();
                }
            }
        }
    }

    /**
     * The diagram plane an element is drawn on: the process's, or a collapsed sub-process's own plane (the Modeler
     * opens it by drilling into the sub-process).
     */
    /** The plane (diagram) an element is drawn on; read once per model, the geometry tests ask for it in loops. */
    private static String plane(BpmnModelInstance model, String elementId) {
        String plane = PLANES.computeIfAbsent(model, ModelsTest::planesOf).get(elementId);
        if (plane == null) {
            throw new AssertionError(elementId + " is not drawn");
        }
        return plane;
    }

    private static final Map<BpmnModelInstance, Map<String, String>> PLANES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static Map<String, String> planesOf(BpmnModelInstance model) {
        Map<String, String> planes = new HashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            planes.put(shape.getBpmnElement().getId(),
                    ((org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane) shape.getParentElement()).getBpmnElement().getId());
        }
        return planes;
    }

    private static boolean related(FlowNode a, FlowNode b) {
        return isAncestor(a, b) || a instanceof BoundaryEvent boundary && boundary.getAttachedTo() == b;
    }

    /** Whether {@code container} is a sub-process that (directly or further up) contains {@code node}. */
    private static boolean isAncestor(FlowNode container, FlowNode node) {
        if (!(container instanceof SubProcess)) {
            return false;
        }
        ModelElementInstance parent = node instanceof BoundaryEvent boundary
                ? boundary.getAttachedTo().getParentElement() : node.getParentElement();
        while (parent instanceof SubProcess sub) {
            if (sub == container) {
                return true;
            }
            parent = sub.getParentElement();
        }
        return false;
    }

    private static Map<String, Rectangle2D> shapeBounds(BpmnModelInstance model) {
        Map<String, Rectangle2D> shapes = new HashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            shapes.put(shape.getBpmnElement().getId(), rectangle(shape.getBounds()));
        }
        return shapes;
    }

    private static List<Waypoint> waypoints(BpmnModelInstance model, SequenceFlow flow) {
        return model.getModelElementsByType(BpmnEdge.class).stream()
                .filter(e -> e.getBpmnElement() == flow)
                .findFirst().map(e -> List.copyOf(e.getWaypoints())).orElse(List.of());
    }

    private static Rectangle2D rectangle(BpmnLabel label) {
        return rectangle(label.getBounds());
    }

    private static Rectangle2D rectangle(Bounds b) {
        return new Rectangle2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight());
    }

    private static Rectangle2D shrink(Rectangle2D r, double by) {
        return new Rectangle2D.Double(r.getX() + by, r.getY() + by, r.getWidth() - 2 * by, r.getHeight() - 2 * by);
    }

    private static boolean overlap(Rectangle2D a, Rectangle2D b) {
        return a.createIntersection(b).getWidth() > 0.5 && a.createIntersection(b).getHeight() > 0.5;
    }

    /** On the border of the shape's bounds, or, for round and diamond shapes, of the circle or diamond inside them. */
    private static boolean onBorder(Rectangle2D r, double x, double y) {
        double cx = r.getCenterX();
        double cy = r.getCenterY();
        boolean onRectangle = (Math.abs(x - r.getMinX()) < 1 || Math.abs(x - r.getMaxX()) < 1) && y >= r.getMinY() - 1 && y <= r.getMaxY() + 1
                || (Math.abs(y - r.getMinY()) < 1 || Math.abs(y - r.getMaxY()) < 1) && x >= r.getMinX() - 1 && x <= r.getMaxX() + 1;
        boolean onCircle = Math.abs(Math.hypot(x - cx, y - cy) - r.getWidth() / 2) < 1;
        boolean onDiamond = Math.abs(Math.abs(x - cx) + Math.abs(y - cy) - r.getWidth() / 2) < 1;
        return onRectangle || onCircle || onDiamond;
    }
}
